import { foldText } from './catering.ts';
import { entity } from './ids.ts';
import type { Guest } from './model.ts';

/**
 * THE way a guest is named wherever a planner must know which guest is meant (a rule's guests, the timeline, refusals,
 * drag announcements, chips, pickers): the name, and — only when another guest has the same name (case, accents and
 * outer spaces aside) — the first detail that tells them apart, in the order a planner recognises people by: guest
 * number, e-mail, department, party; else a count ("Kim Doe (1 of 2 with no other details)", in the order the guests
 * were added), so two guests never read the same. A guest whose name is their own reads as the plain name.
 */
export function guestLabel(guests: Readonly<Record<string, Guest>>, id: string): string | undefined {
  const g = entity(guests, id);
  if (!g) return undefined;
  const key = nameKey(g);
  const same = Object.values(guests).filter((o) => o === g || nameKey(o) === key);
  return same.length === 1 ? g.name : labelsWithin(same).get(id);
}

/** Every guest's label (see guestLabel) at once, for lists: one pass over the guests. */
export function guestLabels(guests: Readonly<Record<string, Guest>>): Map<string, string> {
  const byName = new Map<string, Guest[]>();
  for (const g of Object.values(guests)) {
    const key = nameKey(g);
    const same = byName.get(key);
    if (same) same.push(g);
    else byName.set(key, [g]);
  }
  const labels = new Map<string, string>();
  for (const same of byName.values()) {
    if (same.length === 1) labels.set(same[0]!.id, same[0]!.name);
    else for (const [id, label] of labelsWithin(same)) labels.set(id, label);
  }
  return labels;
}

/** The fields a guest's label reads (its name and DETAILS): labels change only when one of these does. */
export const GUEST_LABEL_FIELDS = ['name', 'ref', 'email', 'department', 'party'] as const satisfies readonly (keyof Guest)[];

/** What can tell a guest from another of the same name, in the order a planner recognises people by. */
const DETAILS: ((g: Guest) => string)[] = [
  (g) => (g.ref ? `no. ${g.ref}` : ''),
  (g) => g.email,
  (g) => (g.department ? `department ${g.department}` : ''),
  (g) => (g.party ? `party ${g.party}` : ''),
];

/** Labels of two or more guests of one name: per guest the first detail no other guest of that name has. */
function labelsWithin(same: readonly Guest[]): Map<string, string> {
  const details = same.map((g) => DETAILS.map((d) => d(g)));
  const unique = details.map((mine, i) => mine.find((v) => v !== '' && !details.some((theirs, j) => j !== i && theirs.includes(v))) ?? '');
  const plain = same.filter((_, i) => unique[i] === '');
  return new Map(same.map((g, i) => [g.id, `${g.name} (${unique[i] || `${plain.indexOf(g) + 1} of ${plain.length} with no other details`})`]));
}

/** A guest's name as names are compared here, kept per guest object and re-read when the name changed (the server's
 *  evolve mutates guests in place), so a label costs a look-up per guest, not a fold. */
const keys = new WeakMap<Guest, { name: string; key: string }>();
function nameKey(g: Guest): string {
  let k = keys.get(g);
  if (k?.name !== g.name) keys.set(g, (k = { name: g.name, key: foldText(g.name.trim()) }));
  return k.key;
}
