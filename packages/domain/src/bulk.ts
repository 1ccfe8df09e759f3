import type { CommandOf } from './commands.ts';
import { matchKey } from './import/normalize.ts';

/**
 * Bulk creation for the setup screens ("add 20 tables of 10 seats, labelled G-01…G-20"): pure functions from what
 * the planner typed to the commands one atomic batch applies. Ids come from the caller (the browser makes them).
 */

/** Most entities one bulk action may create: enough for any venue, small enough for one batch. */
export const BULK_MAX = 500;

/**
 * A label pattern: `{1}` is replaced by the number, `{01}`/`{001}` by the number padded to that many digits;
 * a pattern without braces gets the number appended, after a space where the pattern ends in a letter or digit
 * ("Table" → "Table 7", "T-" → "T-7": never "Table7", nor "A1" → "A17"). The number starts at `from`.
 */
export function expandLabel(pattern: string, n: number): string {
  if (!/\{0*1\}/.test(pattern)) return /[\p{L}\p{N}]$/u.test(pattern) ? `${pattern} ${n}` : `${pattern}${n}`;
  return pattern.replace(/\{(0*)1\}/g, (_m, zeros: string) => String(n).padStart(zeros.length + 1, '0'));
}

/**
 * The labels a pattern gives for `count` numbers from `from`. One label from a pattern without braces that ends in a
 * letter or digit is the pattern as typed: a planner adding one table called "Riesentisch aus Köln" means that, not
 * "Riesentisch aus Köln 1" (a prefix such as "T-" still gets its number).
 */
export function expandLabels(pattern: string, count: number, from = 1): string[] {
  if (count === 1 && !/\{0*1\}/.test(pattern) && /[\p{L}\p{N}]$/u.test(pattern.trim())) return [pattern.trim()];
  return Array.from({ length: count }, (_, i) => expandLabel(pattern, from + i));
}

export interface BulkCheck {
  ok: boolean;
  message?: string;
}

function checkCount(count: number, from: number): BulkCheck {
  if (!Number.isInteger(count) || count < 1) return { ok: false, message: 'How many? Enter a whole number of at least 1.' };
  if (count > BULK_MAX) return { ok: false, message: `At most ${BULK_MAX} at once: split it into several steps.` };
  if (!Number.isInteger(from) || from < 0) return { ok: false, message: 'The first number must be a whole number, 0 or more.' };
  return { ok: true };
}

/** Labels that would appear twice, or that already exist (compared case- and space-insensitively). */
export function duplicateLabels(labels: readonly string[], existing: Iterable<string>): string[] {
  const key = matchKey; // as decide compares names (nameTaken)
  const seen = new Set(Array.from(existing, key));
  const dups: string[] = [];
  for (const l of labels) {
    if (seen.has(key(l))) dups.push(l);
    seen.add(key(l));
  }
  return dups;
}

/**
 * The first number from `start` on at which `count` labels of the pattern clash with none of `existing` (compared as
 * duplicateLabels compares), so that a second "add 10 tables" continues after the first instead of being refused.
 * Each existing label takes at most one number, so a free run starts within (existing + 1) × count numbers; the
 * search stops after `limit` numbers (a contrived plan) and then gives `start`, leaving the clash to be shown.
 */
export function firstFreeNumber(pattern: string, count: number, existing: Iterable<string>, start = 1, limit = 100_000): number {
  const taken = new Set(Array.from(existing, matchKey));
  const want = Math.max(count, 1);
  const end = start + Math.min((taken.size + 1) * want, limit);
  let run = 0;
  for (let n = start; n < end; n++) {
    run = taken.has(matchKey(expandLabel(pattern, n))) ? 0 : run + 1;
    if (run >= want) return n - want + 1;
  }
  return start;
}

/**
 * The pattern most of `labels` follow ("G-01" … "G-46" → "G-{01}"; "Table 7" → "Table {1}"), for a room's next
 * tables to continue its own labels; null when none ends in a number. The labels are grouped by what comes before
 * the number; a group with a number written with leading zeros ("G-07") pads to that width.
 */
export function patternOf(labels: Iterable<string>): string | null {
  const groups = new Map<string, { count: number; width: number }>();
  for (const label of labels) {
    const m = /^(.*?)(\d+)$/.exec(label.trim());
    if (!m) continue;
    const prefix = m[1]!.replace(/[{}]/g, '');
    const digits = m[2]!;
    const g = groups.get(prefix) ?? { count: 0, width: 1 };
    g.count++;
    if (digits.length > 1 && digits.startsWith('0')) g.width = Math.max(g.width, digits.length);
    groups.set(prefix, g);
  }
  let best: [string, { count: number; width: number }] | null = null;
  for (const entry of groups) if (best === null || entry[1].count > best[1].count) best = entry;
  return best && `${best[0]}{${'0'.repeat(best[1].width - 1)}1}`;
}

export interface PhysicalBulk {
  count: number;
  seats: number;
  labelPattern: string;
  roomId: string;
  from?: number;
}

/** `count` physical tables of `seats` seats in one room, labelled by the pattern. Throws on a count out of range. */
export function physicalTablesBulk(spec: PhysicalBulk, newId: () => string): CommandOf<'addPhysicalTable'>[] {
  const from = spec.from ?? 1;
  const check = checkCount(spec.count, from);
  if (!check.ok) throw new RangeError(check.message);
  return expandLabels(spec.labelPattern, spec.count, from).map((label) => ({
    type: 'addPhysicalTable',
    physicalTableId: newId(),
    roomId: spec.roomId,
    label,
    capacity: spec.seats,
  }));
}

export interface TablesBulk {
  count: number;
  seats: number;
  namePattern: string;
  from?: number;
  vip?: boolean;
}

/** `count` logical tables ("tables 1–40, 10 seats"). Throws on a count out of range. */
export function tablesBulk(spec: TablesBulk, newId: () => string): CommandOf<'addTable'>[] {
  const from = spec.from ?? 1;
  const check = checkCount(spec.count, from);
  if (!check.ok) throw new RangeError(check.message);
  return expandLabels(spec.namePattern, spec.count, from).map((name) => ({
    type: 'addTable',
    tableId: newId(),
    name,
    capacity: spec.seats,
    ...(spec.vip ? { vip: true } : {}),
  }));
}

/** The count check alone, for forms that want the sentence before building anything. */
export function checkBulkCount(count: number, from = 1): BulkCheck {
  return checkCount(count, from);
}
