import type { KeyValueStorage, PendingCommand } from '@seatfold/sync';

/** The part of Web Storage we use (localStorage in the browser, a Map in tests): declared once, in the sync client. */
export type { KeyValueStorage };

const FORMAT = 1;
export const pendingKey = (token: string) => `seatfold:pending:${token}`;

/**
 * Saves the commands not yet confirmed by the server, so a reload (or a crash while offline) does not lose them.
 *
 * Every tab of the plan in this browser saves under the same key, so a save keeps what other tabs saved: it replaces
 * only the commands this tab held (`held`: the ids pending at its previous save, its own and those it restored) and
 * leaves the others' in place (without `held`, it replaces the whole list). Before, two tabs offline overwrote each
 * other's list, and closing one lost its changes. A command another tab has settled meanwhile may linger: it is
 * resent at the next load, and the server answers its id with the outcome it already has (never applied twice).
 */
export function savePending(storage: KeyValueStorage, token: string, pending: readonly PendingCommand[], held?: ReadonlySet<string>): void {
  try {
    const mine = new Set(pending.map((p) => p.commandId));
    const others = held ? loadPending(storage, token).filter((p) => !held.has(p.commandId) && !mine.has(p.commandId)) : [];
    const all = [...others, ...pending];
    if (all.length === 0) storage.removeItem(pendingKey(token));
    else storage.setItem(pendingKey(token), JSON.stringify({ format: FORMAT, savedAt: Date.now(), pending: all }));
  } catch {
    // Storage full or disabled (private mode): the edits still sync while the tab stays open.
  }
}

/** The saved pending commands, or [] when there are none or what is stored cannot be trusted. */
export function loadPending(storage: KeyValueStorage, token: string): PendingCommand[] {
  let raw: string | null;
  try {
    raw = storage.getItem(pendingKey(token));
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const data = JSON.parse(raw) as { format?: unknown; pending?: unknown };
    if (data?.format !== FORMAT || !Array.isArray(data.pending)) return [];
    return data.pending.filter(isPending).map((p) => ({ commandId: p.commandId, command: p.command, batchId: p.batchId ?? null, ackedAt: null }));
  } catch {
    return [];
  }
}

function isPending(x: unknown): x is PendingCommand {
  if (!x || typeof x !== 'object') return false;
  const p = x as Record<string, unknown>;
  const c = p.command as Record<string, unknown> | null;
  return (
    typeof p.commandId === 'string' &&
    p.commandId.length > 0 &&
    !!c &&
    typeof c === 'object' &&
    typeof c.type === 'string' &&
    (p.batchId == null || typeof p.batchId === 'string')
  );
}
