import { random, type Random } from './random.ts';
import type { SolverGuest, SolverInstance, SolverRule, SolverTable } from './types.ts';

// Index access: `!` marks reads of lists it has just built, with indices below their length (loop bounds, shuffles, picks); guards there would only cost time in the hot loops.

export interface GenerateOptions {
  seed: number;
  guests: number;
  tables: number;
  /** guests ÷ seats; 1 makes every seat needed (capacities then equal, and locked and VIP tables exactly full) */
  fill?: number;
  rules?: number;
  /** share of tables locked (seated from the start) */
  locked?: number;
  /** share of guests who are VIPs (whole parties) */
  vip?: number;
  /** share of guests needing an accessible table; a fifth of the tables are accessible */
  needsAccessible?: number;
  departments?: number;
  /** share of the other guests already seated at random tables with room (no check of VIP or access) */
  seated?: number;
  /** share of guests pinned (seated ones stay put, unseated ones stay unseated) */
  pinned?: number;
  maxParty?: number;
}

const SURNAMES = ['Braun', 'Meyer', 'Schmidt', 'Okafor', 'Nguyen', 'Rossi', 'García', 'Kowalski', 'Yilmaz', 'Larsen', 'Dubois', 'Silva'];
const FIRST = ['Ada', 'Ben', 'Cleo', 'Dan', 'Eva', 'Femi', 'Gia', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lea'];
/** party sizes 1..6 with a mean near 2.5 (1,500 guests ≈ 600 parties) */
const PARTY_WEIGHTS = [0.35, 0.25, 0.15, 0.12, 0.08, 0.05];

function partySize(r: Random, max: number): number {
  let k = r.next() * PARTY_WEIGHTS.slice(0, max).reduce((a, b) => a + b, 0);
  for (let i = 0; i < max; i++) if ((k -= PARTY_WEIGHTS[i]!) < 0) return i + 1;
  return 1;
}

function shuffle<T>(r: Random, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/**
 * A seeded random seating instance in the shape of the benchmark in issue #13: parties of 1–6, tables, some
 * locked with guests on them, VIP tables and VIP parties, accessible tables, departments, together/apart rules
 * (a fifth of them hard, none contradicting another hard rule). Same options → same instance.
 */
export function generateInstance(o: GenerateOptions): SolverInstance {
  const r = random(o.seed);
  const fill = o.fill ?? 0.85;
  const maxParty = o.maxParty ?? 6;
  // Parties
  const parties: number[][] = [];
  let n = 0;
  while (n < o.guests) {
    const size = Math.min(partySize(r, maxParty), o.guests - n);
    parties.push(Array.from({ length: size }, (_, i) => n + i));
    n += size;
  }
  const deptCount = o.departments ?? 12;
  const guests: SolverGuest[] = [];
  parties.forEach((members, p) => {
    const surname = `${SURNAMES[p % SURNAMES.length]}${p >= SURNAMES.length ? ` ${Math.floor(p / SURNAMES.length) + 1}` : ''}`;
    const department = deptCount > 0 ? `D${r.int(deptCount)}` : '';
    for (const g of members)
      guests.push({ id: `g${g}`, name: `${FIRST[g % FIRST.length]} ${surname}`, party: members.length > 1 ? surname : '', department });
  });
  // Tables
  const base = Math.max(1, Math.round(o.guests / fill / o.tables));
  const tables: SolverTable[] = Array.from({ length: o.tables }, (_, t) => ({
    id: `t${t}`,
    name: `Table ${t + 1}`,
    capacity: fill >= 1 ? base : Math.max(2, base + ((t % 3) - 1) * 2),
  }));
  const order = shuffle(
    r,
    tables.map((_, t) => t),
  );
  const lockedCount = Math.round((o.locked ?? 0.1) * o.tables);
  const vipTables = Math.max(o.vip ? 1 : 0, Math.round(((o.vip ?? 0) * o.guests) / fill / base));
  const locked = order.slice(0, lockedCount);
  const vip = order.slice(lockedCount, lockedCount + vipTables);
  for (const t of locked) tables[t]!.locked = true;
  for (const t of vip) tables[t]!.vip = true;
  for (const t of shuffle(
    r,
    tables.map((_, t) => t),
  ).slice(0, Math.ceil(o.tables / 5)))
    tables[t]!.accessible = true;

  const current: Record<string, string | null> = {};
  const partyOrder = shuffle(
    r,
    parties.map((_, p) => p),
  );
  const taken = new Set<number>();
  const singles = () => partyOrder.filter((p) => !taken.has(p) && parties[p]!.length === 1);
  const fillTable = (t: number, seats: number, mark: (p: number) => void) => {
    let left = seats;
    for (const p of partyOrder) {
      if (left === 0) break;
      if (taken.has(p) || parties[p]!.length > left) continue;
      taken.add(p);
      mark(p);
      left -= parties[p]!.length;
    }
    for (const p of singles()) {
      if (left === 0) break;
      taken.add(p);
      mark(p);
      left--;
    }
  };
  // Locked tables hold guests from the start; VIP tables get VIP parties (exactly enough when fill is 1).
  for (const t of locked)
    fillTable(t, fill >= 1 ? tables[t]!.capacity : Math.round(tables[t]!.capacity * fill), (p) =>
      parties[p]!.forEach((g) => (current[`g${g}`] = tables[t]!.id)),
    );
  for (const t of vip)
    fillTable(t, fill >= 1 ? tables[t]!.capacity : Math.round(tables[t]!.capacity * fill), (p) =>
      parties[p]!.forEach((g) => (guests[g]!.vip = true)),
    );
  // Needs: whole free, non-VIP parties
  const needsTarget = Math.round((o.needsAccessible ?? 0.02) * o.guests);
  let needs = 0;
  for (const p of partyOrder) {
    if (needs >= needsTarget) break;
    if (taken.has(p)) continue;
    guests[parties[p]![0]!]!.needsAccessible = true;
    needs++;
  }
  // Departments, seated and pinned
  const seatedShare = o.seated ?? 0;
  if (seatedShare > 0) {
    const used = new Map<number, number>();
    for (const p of partyOrder) {
      if (current[`g${parties[p]![0]}`] !== undefined || r.next() >= seatedShare) continue;
      const t = r.int(o.tables);
      if (tables[t]!.locked || (used.get(t) ?? 0) + parties[p]!.length > tables[t]!.capacity) continue;
      used.set(t, (used.get(t) ?? 0) + parties[p]!.length);
      for (const g of parties[p]!) current[`g${g}`] = tables[t]!.id;
    }
  }
  if (o.pinned) for (const g of guests) if (r.next() < o.pinned) g.pinned = true;
  // a guest seated now holds that seat (SolverGuest.seated), as instanceFromPlan marks them
  for (const g of guests) if (current[g.id] !== undefined) g.seated = true;

  // Rules: hard together only between two small parties; hard apart never inside what hard together joins.
  const rules: SolverRule[] = [];
  const group = parties.map((_, p) => p);
  const root = (p: number): number => (group[p] === p ? p : (group[p] = root(group[p]!)));
  const partyOf = new Int32Array(o.guests);
  parties.forEach((m, p) => m.forEach((g) => (partyOf[g] = p)));
  const ruleCount = o.rules ?? 0;
  const hardApart: [number, number][] = [];
  const apartBetween = (x: number, y: number) => hardApart.some(([p, q]) => (root(p) === x && root(q) === y) || (root(p) === y && root(q) === x));
  for (let i = 0; i < ruleCount; i++) {
    const a = r.int(o.guests);
    let b = r.int(o.guests);
    if (partyOf[a] === partyOf[b]) b = (b + 7) % o.guests;
    if (partyOf[a] === partyOf[b]) continue;
    const together = i % 2 === 0;
    let hard = r.next() < 0.2;
    const [pa, pb] = [root(partyOf[a]!), root(partyOf[b]!)];
    if (together && hard) {
      const size = guests.filter((_, g) => root(partyOf[g]!) === pa || root(partyOf[g]!) === pb).length;
      const fixedOrVip = [a, b].some((g) => current[`g${g}`] !== undefined || guests[g]!.vip || guests[g]!.pinned);
      if (size > 4 || fixedOrVip || pa === pb || apartBetween(pa, pb)) hard = false;
      else group[pa] = pb;
    }
    if (!together && hard && root(partyOf[a]!) === root(partyOf[b]!)) hard = false;
    if (!together && hard) hardApart.push([partyOf[a]!, partyOf[b]!]);
    rules.push({ id: `r${i}`, kind: together ? 'together' : 'apart', guestIds: [`g${a}`, `g${b}`], hard });
  }
  return { guests, tables, rules, current, departments: deptCount > 0 ? 'mix' : 'ignore' };
}
