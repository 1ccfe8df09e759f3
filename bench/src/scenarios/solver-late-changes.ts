import type { SolverInstance } from '@seatfold/solver';

/** A seeded PRNG (LCG) for the late changes, so every run makes the same ones. */
function seeded(seed: number) {
  let x = seed >>> 0;
  return (n: number) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
}

/**
 * 30 late changes to a seated plan, as happen in the last week: 10 cancellations, 10 late guests (5 joining
 * an existing party, 5 alone), 5 hard keep-apart rules between guests now at one table, 5 soft keep-together
 * rules between guests at different tables. The plan as it was becomes `current`.
 */
export function lateChanges(inst: SolverInstance, plan: Record<string, string | null>, seed: number): SolverInstance {
  const pick = seeded(seed);
  const locked = new Set(inst.tables.filter((t) => t.locked).map((t) => t.id));
  const free = () => inst.guests.filter((g) => plan[g.id] && !locked.has(plan[g.id]!) && !g.pinned && !g.vip);
  const cancelled = new Set<string>();
  while (cancelled.size < 10) {
    const candidates = free();
    cancelled.add(candidates[pick(candidates.length)]!.id);
  }
  const guests = inst.guests.filter((g) => !cancelled.has(g.id));
  const withParty = guests.filter((g) => g.party && plan[g.id] && !locked.has(plan[g.id]!) && !g.vip);
  for (let i = 0; i < 10; i++) {
    const joins = i < 5 ? withParty[pick(withParty.length)] : null;
    guests.push({ id: `late${i}`, name: `Late ${i + 1}`, party: joins?.party ?? '', department: joins?.department ?? 'D0' });
  }
  // a cancelled guest leaves the rules that named them
  const rules = (inst.rules ?? [])
    .map((r) => ({ ...r, guestIds: r.guestIds.filter((id) => !cancelled.has(id)) }))
    .filter((r) => r.guestIds.length > 1);
  const before = rules.length;
  const seatedFree = guests.filter((g) => plan[g.id] && !locked.has(plan[g.id]!) && !g.pinned);
  const byTable = new Map<string, string[]>();
  for (const g of seatedFree) byTable.set(plan[g.id]!, [...(byTable.get(plan[g.id]!) ?? []), g.id]);
  const party = new Map(guests.map((g) => [g.id, g.party]));
  const tables = [...byTable.values()];
  for (let i = 0; rules.length < before + 5 && i < 1000; i++) {
    const at = tables[pick(tables.length)]!;
    const [a, b] = [at[pick(at.length)], at[pick(at.length)]];
    if (a !== b && (!party.get(a!) || party.get(a!) !== party.get(b!)))
      rules.push({ id: `late-apart${i}`, kind: 'apart', guestIds: [a!, b!], hard: true });
  }
  for (let i = 0; i < 5; i++) {
    const a = seatedFree[pick(seatedFree.length)]!.id;
    const b = seatedFree[pick(seatedFree.length)]!.id;
    rules.push({ id: `late-together${i}`, kind: 'together', guestIds: [a, b], hard: false });
  }
  const current = Object.fromEntries(Object.entries(plan).filter(([id]) => !cancelled.has(id)));
  return { ...inst, guests, rules, current };
}
