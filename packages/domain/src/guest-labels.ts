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
  const same: Guest[] = [];
  for (const o of Object.values(guests)) if (o === g || nameKey(o) === key) same.push(o);
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

/** How describeEvent names guests: a label by id, and the label a guest about to be added will have. */
export interface GuestLabeller {
  label(id: string): string | undefined;
  /** `g` read as if added to the guests now (told apart from those of its name already there) */
  labelAdded(g: Guest): string;
}

/** Labels read straight from a guests record: each label reads every guest. For one sentence, not for many. */
export function directLabeller(guests: Readonly<Record<string, Guest>>): GuestLabeller {
  return {
    label: (id) => guestLabel(guests, id),
    labelAdded: (g) => guestLabel({ ...guests, [g.id]: g }, g.id) ?? g.name,
  };
}

/**
 * Labels of a guests record that many sentences are told on (a revert's list of changes on its working copy): the
 * guests are filed by name once, so a label reads only the guests of its name — guestLabel reads them all, and on a
 * big record (thousands of guests, in dictionary mode) that is milliseconds a label. The record may change in
 * place: `refresh` the ids a change touched (their names or details) and the labels follow. Same labels as
 * guestLabel, in the order the guests were added.
 */
export class GuestLabelIndex implements GuestLabeller {
  /** name key → ids of that name, in the order they were filed */
  private readonly byName = new Map<string, string[]>();
  /** id → the name key it is filed under, and its place in the order */
  private readonly filed = new Map<string, { key: string; at: number }>();
  private next = 0;

  /** `filed`: the record's guests as they are now, when reading them from it costs more (a draft of it) */
  constructor(
    private readonly guests: Readonly<Record<string, Guest>>,
    filed: Iterable<Guest> = Object.values(guests),
  ) {
    for (const g of filed) this.file(g);
  }

  label(id: string): string | undefined {
    const g = entity(this.guests, id);
    if (!g) return undefined;
    return this.within(this.sameAs(nameKey(g)), g);
  }

  labelAdded(g: Guest): string {
    const same = this.sameAs(nameKey(g)).filter((o) => o.id !== g.id);
    return this.within([...same, g], g);
  }

  /** Files these guests again as the record has them now (added, removed, renamed or given other details). */
  refresh(ids: Iterable<string>): void {
    for (const id of ids) {
      const was = this.filed.get(id);
      const g = entity(this.guests, id);
      if (was && g && nameKey(g) === was.key) continue;
      if (was) {
        const list = this.byName.get(was.key)!;
        list.splice(list.indexOf(id), 1);
        if (list.length === 0) this.byName.delete(was.key);
        this.filed.delete(id);
      }
      // a renamed guest keeps its place in the order (its key in the record does); a new one comes last
      if (g) this.file(g, was?.at);
    }
  }

  private file(g: Guest, at = this.next++): void {
    const key = nameKey(g);
    this.filed.set(g.id, { key, at });
    const list = this.byName.get(key);
    if (!list) return void this.byName.set(key, [g.id]);
    let i = list.length;
    while (i > 0 && this.filed.get(list[i - 1]!)!.at > at) i--;
    list.splice(i, 0, g.id);
  }

  private sameAs(key: string): Guest[] {
    return (this.byName.get(key) ?? []).map((id) => entity(this.guests, id)).filter((g): g is Guest => g !== undefined);
  }

  private within(same: Guest[], g: Guest): string {
    return same.length <= 1 ? g.name : (labelsWithin(same).get(g.id) ?? g.name);
  }
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

/**
 * A guest's name as names are compared here. Folding is the costly part of a label (guestLabel compares every guest's
 * name), so the folded form is kept per name: one look-up per guest, for the live state and for copies of it alike
 * (a revert's working copy has new guest objects, the same names). The names kept are bounded: past FOLDED_NAMES the
 * table starts over.
 */
const folded = new Map<string, string>();
const FOLDED_NAMES = 50_000;
function nameKey(g: Guest): string {
  let key = folded.get(g.name);
  if (key === undefined) {
    if (folded.size >= FOLDED_NAMES) folded.clear();
    folded.set(g.name, (key = foldText(g.name.trim())));
  }
  return key;
}
