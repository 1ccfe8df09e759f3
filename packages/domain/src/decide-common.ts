import { entity } from './ids.ts';
import { matchKey } from './import/normalize.ts';
import { domainError, gone, type DomainError } from './errors.ts';
import type { PlanEvent } from './events.ts';
import type { Guest, LogicalTable, PlanState } from './model.ts';
import type { Decision } from './decide.ts';
import { entriesKeyed, type Lookup } from './record-index.ts';
import { capital } from './words.ts';

/** Building blocks shared by decide's per-entity handlers (decide-tables.ts, decide-guests.ts). */

export const ok = (...events: PlanEvent[]): Decision => ({ ok: true, events });
export const no = (error: DomainError): Decision => ({ ok: false, error });

/** Names used in messages: the planner sees "table “12”", not an id. */
export const tableName = (t: LogicalTable) => `table “${t.name}”`;
export { capital };

export function table(s: PlanState, id: string): LogicalTable | DomainError {
  return entity(s.tables, id) ?? gone('table');
}
export function guest(s: PlanState, id: string): Guest | DomainError {
  return entity(s.guests, id) ?? gone('guest');
}
export const isError = (x: object): x is DomainError => 'code' in x;

export function unlocked(t: LogicalTable, action: string | (() => string)): DomainError | null {
  if (!t.locked) return null;
  return domainError('TableLocked', `${capital(tableName(t))} is locked: unlock it before you ${typeof action === 'string' ? action : action()}.`);
}

export const exists = (what: string, id: string) => domainError('AlreadyExists', `A ${what} with id ${id} already exists.`);

/**
 * One name, one thing: a room, a table or a physical table may not take a name another one of its kind already has,
 * compared as a planner reads them (spacing, case and accents aside: "Saal 1" is "saal  1"). Two of one name are
 * two identical tabs, cards or menu entries, and an import naming one could mean either. Checked where a name is
 * given (add, rename, undo, restore), never when events fold: plans holding two of a name from before still open.
 */
export function nameTaken<T extends { id: string }>(
  all: Record<string, T>,
  names: Lookup<T>,
  name: string,
  exceptId: string,
  refusal: (other: T) => string,
): DomainError | null {
  for (const id of entriesKeyed(all, names, matchKey(name))) {
    const other = id !== exceptId ? entity(all, id) : undefined;
    if (other) return domainError('AlreadyExists', refusal(other));
  }
  return null;
}

/** A name's key as nameTaken compares names; none for a value that is not text (an old event may hold anything). */
export const nameKey = (name: unknown): string | undefined => (typeof name === 'string' ? matchKey(name) : undefined);
