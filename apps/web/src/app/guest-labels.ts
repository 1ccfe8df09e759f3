import { foldText, type Guest } from '@seatfold/domain/core';

/** What can tell a guest from another of the same name, in the order a planner recognises people by. */
const DETAILS: ((g: Guest) => string)[] = [
  (g) => (g.ref ? `no. ${g.ref}` : ''),
  (g) => g.email,
  (g) => (g.department ? `department ${g.department}` : ''),
  (g) => (g.party ? `party ${g.party}` : ''),
];

/**
 * How each guest reads in a list to choose from (a rule's other guest): the name, and — only when another guest has
 * the same name (case and accents aside) — the first detail that differs within that name (guest number, e-mail,
 * department, party), else a count, so two choices never read the same and a rule never goes to the wrong person.
 */
export function guestChoiceLabels(guests: readonly Guest[]): Map<string, string> {
  const byName = new Map<string, Guest[]>();
  for (const g of guests) {
    const key = foldText(g.name.trim());
    byName.set(key, [...(byName.get(key) ?? []), g]);
  }
  const labels = new Map<string, string>();
  for (const same of byName.values()) {
    if (same.length === 1) {
      labels.set(same[0]!.id, same[0]!.name);
      continue;
    }
    // Per guest, the first detail whose value no other guest of this name has.
    const unique = (g: Guest) =>
      DETAILS.map((d) => d(g)).find((v) => v !== '' && same.filter((o) => DETAILS.some((d) => d(o) === v)).length === 1) ?? '';
    const plain = same.filter((g) => unique(g) === '');
    for (const g of same) {
      const detail = unique(g) || `${plain.indexOf(g) + 1} of ${plain.length} with no other details`;
      labels.set(g.id, `${g.name} (${detail})`);
    }
  }
  return labels;
}
