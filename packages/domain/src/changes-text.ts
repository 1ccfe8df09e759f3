import { entity } from './ids.ts';
import type { PlanState } from './model.ts';
import { fieldsRecord } from './stored.ts';

/** A value as a change lists it: text quoted, “(empty)”, yes or no. */
export const show = (v: unknown) =>
  typeof v === 'string' ? (v === '' ? '(empty)' : `“${v}”`) : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);

/**
 * The words the plan's forms use for a field a change lists ("guest number", not the stored `ref`): the timeline and
 * compare say them, never a field's key.
 */
const FIELD_WORDS: Record<string, string> = {
  email: 'e-mail',
  dietary: 'dietary needs',
  accessibility: 'accessibility needs',
  vip: 'VIP',
  ref: 'guest number',
  capacity: 'seats',
  roomId: 'room',
  widthM: 'width',
  depthM: 'depth',
};
export const fieldWord = (field: string): string => FIELD_WORDS[field] ?? field;

/** "department “Sales” → “IT”, room Hall A → Garden": an edit's fields, rooms by name (the old one as it was
 *  `before`, the new one as it is `after`: compare spans many changes), sizes in metres. An edit's stored `changes`
 *  and `previous` are read as they may be (see stored.ts). */
export function changesText(stored: unknown, storedPrevious: unknown, before: PlanState, after: PlanState = before): string {
  // Read from stored events: an odd `changes` or `previous` (null, an array) names no fields rather than throwing.
  const [changes, previous] = [fieldsRecord(stored), fieldsRecord(storedPrevious)];
  const value = (k: string, v: unknown, s: PlanState) =>
    k === 'roomId' && typeof v === 'string'
      ? (entity(s.rooms, v)?.name ?? 'another room')
      : (k === 'widthM' || k === 'depthM') && typeof v === 'number'
        ? `${v} m`
        : show(v);
  return Object.keys(changes)
    .map((k) => `${fieldWord(k)} ${value(k, previous[k], before)} → ${value(k, changes[k], after)}`)
    .join(', ');
}
