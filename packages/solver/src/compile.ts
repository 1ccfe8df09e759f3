import { DEFAULT_WEIGHTS, partyText, SolverInputError, type SolverInstance, type SolverWeights } from './types.ts';
import type { Compiled, CompiledRule, Unit } from './compiled.ts';
// The package's "./compile" entry point has always offered the types too (the bench reads Compiled from it).
export type { Compiled, CompiledRule, Unit } from './compiled.ts';

// Index access: `!` marks reads of typed arrays and lists sized from the instance, read with indices in range by construction (guest < G, table < T, rule < R); guards there would only cost time in the hot loops.

function indexOf(ids: string[], what: string): Map<string, number> {
  const m = new Map<string, number>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id === '') throw new SolverInputError(`Every ${what} needs an id.`);
    if (m.has(id)) throw new SolverInputError(`Two ${what}s have the id "${id}".`);
    m.set(id, i);
  });
  return m;
}

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = (this.parent[x] = this.parent[this.parent[x]!]!)!;
    return x;
  }
  union(a: number, b: number) {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** The current plan as guest → table index (T: unseated), refusing unknown ids. */
function currentOf(current: SolverInstance['current'], guestIndex: Map<string, number>, tableIndex: Map<string, number>, T: number): Int32Array {
  const guestCurrent = new Int32Array(guestIndex.size).fill(T);
  for (const [guestId, tableId] of Object.entries(current ?? {})) {
    const g = guestIndex.get(guestId);
    if (g === undefined) throw new SolverInputError(`The current plan seats "${guestId}", who is not among the guests.`);
    if (tableId === null || tableId === undefined) continue;
    const t = tableIndex.get(tableId);
    if (t === undefined) throw new SolverInputError(`The current plan seats "${guestId}" at "${tableId}", which is not among the tables.`);
    guestCurrent[g] = t;
  }
  return guestCurrent;
}

/** Where each guest who may not move stays (-1: movable): pinned guests, and guests at locked tables. */
function fixedOf(inst: SolverInstance, guestCurrent: Int32Array, tableLocked: Uint8Array, T: number): Int32Array {
  const guestFixed = new Int32Array(inst.guests.length).fill(-1);
  inst.guests.forEach((g, i) => {
    const c = guestCurrent[i]!;
    if (g.pinned || (c < T && tableLocked[c])) guestFixed[i] = c;
  });
  return guestFixed;
}

/**
 * The compiled form of `inst` with another plan as it is and other weights, sharing everything else with `c` (compiled
 * from `inst`) when it can: when the same guests are fixed at the same tables and the default rule weight is the
 * same, units, domains and rules do not change, only `guestCurrent` and the weights. Otherwise it compiles afresh.
 */
export function rebase(
  c: Compiled,
  inst: SolverInstance,
  current: SolverInstance['current'],
  weightOverrides: Partial<SolverWeights> = {},
): Compiled {
  const weights = { ...DEFAULT_WEIGHTS, ...weightOverrides };
  if (weights.rule !== c.weights.rule) return compile({ ...inst, current }, weightOverrides);
  const guestIndex = new Map(c.guestIds.map((id, g) => [id, g]));
  const tableIndex = new Map(c.tableIds.map((id, t) => [id, t]));
  const guestCurrent = currentOf(current, guestIndex, tableIndex, c.T);
  const guestFixed = fixedOf(inst, guestCurrent, c.tableLocked, c.T);
  for (let g = 0; g < c.G; g++) if (guestFixed[g] !== c.guestFixed[g]) return compile({ ...inst, current }, weightOverrides);
  const units = c.units.map((unit) => ({ ...unit, anyCurrent: unit.members.some((g) => guestCurrent[g] !== c.T) }));
  return { ...c, units, guestCurrent, weights };
}

/** Builds the index form (compiled.ts) of an instance, refusing what it cannot make sense of with a SolverInputError. */
export function compile(inst: SolverInstance, weightOverrides: Partial<SolverWeights> = {}): Compiled {
  const weights = { ...DEFAULT_WEIGHTS, ...weightOverrides };
  const guestIndex = indexOf(
    inst.guests.map((g) => g.id),
    'guest',
  );
  const tableIndex = indexOf(
    inst.tables.map((t) => t.id),
    'table',
  );
  const G = inst.guests.length;
  const T = inst.tables.length;
  const capacity = new Int32Array(T);
  inst.tables.forEach((t, i) => {
    if (!Number.isInteger(t.capacity) || t.capacity < 0)
      throw new SolverInputError(`Table "${t.name ?? t.id}" needs a whole number of seats (0 or more), not ${t.capacity}.`);
    capacity[i] = t.capacity;
  });
  const tableVip = Uint8Array.from(inst.tables, (t) => (t.vip ? 1 : 0));
  const tableLocked = Uint8Array.from(inst.tables, (t) => (t.locked ? 1 : 0));
  const tableAccessible = Uint8Array.from(inst.tables, (t) => (t.accessible ? 1 : 0));
  const guestVip = Uint8Array.from(inst.guests, (g) => (g.vip ? 1 : 0));
  const guestNeeds = Uint8Array.from(inst.guests, (g) => (g.needsAccessible ? 1 : 0));
  const guestParty = inst.guests.map((g) => (g.party ?? '').trim());
  const depts = new Map<string, number>();
  const guestDept = Int32Array.from(inst.guests, (g) => {
    const d = (g.department ?? '').trim();
    if (!d) return -1;
    if (!depts.has(d)) depts.set(d, depts.size);
    return depts.get(d)!;
  });

  const guestSeated = Uint8Array.from(inst.guests, (g) => (g.seated ? 1 : 0));
  const guestCurrent = currentOf(inst.current, guestIndex, tableIndex, T);
  const guestFixed = fixedOf(inst, guestCurrent, tableLocked, T);

  const rules: CompiledRule[] = (inst.rules ?? []).map((r) => {
    if (r.kind !== 'together' && r.kind !== 'apart' && r.kind !== 'place')
      throw new SolverInputError(`Rule "${r.id}" must keep guests together, apart or at a place.`);
    const guests = [...new Set(r.guestIds)].map((id) => {
      const g = guestIndex.get(id);
      if (g === undefined) throw new SolverInputError(`Rule "${r.id}" names "${id}", who is not among the guests.`);
      return g;
    });
    const weight = r.weight ?? weights.rule;
    if (!Number.isFinite(weight) || weight < 0) throw new SolverInputError(`Rule "${r.id}" needs a weight of 0 or more.`);
    let tables: Uint8Array | null = null;
    const tableNotes = new Map<number, string>();
    if (r.kind === 'place') {
      if (!r.tableIds || r.tableIds.length === 0) throw new SolverInputError(`Rule "${r.id}" seats guests at a place but names no table.`);
      tables = new Uint8Array(T + 1);
      for (const id of r.tableIds) {
        const t = tableIndex.get(id);
        if (t === undefined) throw new SolverInputError(`Rule "${r.id}" names the table "${id}", which is not among the tables.`);
        tables[t] = 1;
      }
      for (const [id, note] of Object.entries(r.tableNotes ?? {})) {
        const t = tableIndex.get(id);
        if (t !== undefined) tableNotes.set(t, note);
      }
    }
    return { id: r.id, kind: r.kind, hard: !!r.hard, weight, guests, tables, placeName: r.placeName ?? 'the chosen tables', tableNotes };
  });

  // Units: parties joined by hard together rules, over every guest; fixed guests then anchor or leave them.
  const uf = new UnionFind(G);
  const firstOfParty = new Map<string, number>();
  guestParty.forEach((p, g) => {
    if (!p) return;
    const f = firstOfParty.get(p);
    if (f === undefined) firstOfParty.set(p, g);
    else uf.union(g, f);
  });
  for (const r of rules) if (r.kind === 'together' && r.hard) for (const g of r.guests.slice(1)) uf.union(g, r.guests[0]!);
  const components = new Map<number, number[]>();
  for (let g = 0; g < G; g++) {
    const root = uf.find(g);
    const list = components.get(root);
    if (list) list.push(g);
    else components.set(root, [g]);
  }

  // Each guest's hard "apart" partners once each, however many rules name the pair.
  const apartSets: Set<number>[] = Array.from({ length: G }, () => new Set());
  for (const r of rules) {
    if (r.kind !== 'apart' || !r.hard) continue;
    for (const a of r.guests) for (const b of r.guests) if (a !== b) apartSets[a]!.add(b);
  }
  const hardApartOf = apartSets.map((set) => [...set]);

  const hardPlaceOf: Uint8Array[][] = Array.from({ length: G }, () => []);
  for (const r of rules) if (r.kind === 'place' && r.hard) for (const g of r.guests) hardPlaceOf[g]!.push(r.tables!);

  const units: Unit[] = [];
  const unitOfGuest = new Int32Array(G).fill(-1);
  const anchorOfUnit: number[] = [];
  const maxCapacity = Math.max(0, ...Array.from(capacity).filter((_, t) => !tableLocked[t]));
  for (const members of components.values()) {
    const free = members.filter((g) => guestFixed[g]! < 0);
    if (free.length === 0) continue;
    const fixedTables = new Set(members.filter((g) => guestFixed[g]! >= 0).map((g) => guestFixed[g]));
    const anchor = fixedTables.size === 1 ? [...fixedTables][0] : -1;
    const parties = [...new Set(members.map((g) => guestParty[g]).filter(Boolean))];
    const label = parties.length ? parties.map((p) => partyText(p!)).join(' + ') : (inst.guests[members[0]!]!.name ?? inst.guests[members[0]!]!.id);
    // A unit no table could ever hold is seated in table-sized parts (reported as a split party).
    const chunk = anchor! >= 0 && anchor! < T && !tableLocked[anchor!] ? Math.max(1, capacity[anchor!]!) : Math.max(1, maxCapacity);
    for (let i = 0; i < free.length; i += chunk) {
      const part = free.slice(i, i + chunk);
      const u = units.length;
      part.forEach((g) => (unitOfGuest[g] = u));
      units.push({
        members: part,
        size: part.length,
        domain: [],
        apart: [],
        rules: [],
        depts: [],
        vips: part.reduce((n, g) => n + guestVip[g]!, 0),
        held: part.reduce((n, g) => n + guestSeated[g]!, 0),
        anyCurrent: part.some((g) => guestCurrent[g] !== T),
        label,
        splitOf: free.length > chunk ? { label, size: free.length } : null,
      });
      anchorOfUnit.push((anchor! >= 0 && anchor! < T && !tableLocked[anchor!] ? anchor : -1)!);
    }
  }

  const U = units.length;
  const allowed = new Uint8Array(U * T);
  // The open tables a unit's VIPs and access needs allow, worked out once per kind of unit (and as a row of
  // `allowed`): only units with a hard place rule, a fixed apart partner or an anchor need a table-by-table look.
  const open = Array.from({ length: T }, (_, t) => t).filter((t) => !tableLocked[t] && capacity[t]! > 0);
  const byNeeds = new Map<number, { tables: number[]; row: Uint8Array }>();
  // the tables some unit may sit at (the balance term's): each kind's once, special domains table by table
  const tableBalanced = new Uint8Array(T + 1);
  const marked = new Set<Uint8Array>();
  const tablesFor = (nonVip: boolean, needs: boolean) => {
    const key = (nonVip ? 1 : 0) + (needs ? 2 : 0);
    let kind = byNeeds.get(key);
    if (!kind) {
      const tables = open.filter((t) => !(nonVip && tableVip[t]) && !(needs && !tableAccessible[t]));
      const row = new Uint8Array(T);
      for (const t of tables) row[t] = 1;
      byNeeds.set(key, (kind = { tables, row }));
    }
    return kind;
  };
  units.forEach((unit, u) => {
    const nonVip = unit.members.some((g) => !guestVip[g]);
    const needs = unit.members.some((g) => guestNeeds[g]);
    const forbidden = new Set<number>();
    const partners = new Set<number>();
    for (const g of unit.members)
      for (const o of hardApartOf[g]!) {
        if (guestFixed[o]! >= 0) forbidden.add(guestFixed[o]!);
        else if (unitOfGuest[o] !== u) partners.add(unitOfGuest[o]!);
      }
    unit.apart = [...partners].sort((a, b) => a - b);
    const places = unit.members.flatMap((g) => hardPlaceOf[g]!);
    const anchor = anchorOfUnit[u]!;
    const kind = tablesFor(nonVip, needs);
    if (places.length === 0 && forbidden.size === 0 && anchor < 0) {
      // shared by the units of its kind: a copy each was 8 kB a unit at 2,000 tables, ~90 MB at 20,000 guests
      unit.domain = kind.tables;
      allowed.set(kind.row, u * T);
      if (!marked.has(kind.row)) {
        marked.add(kind.row);
        for (const t of kind.tables) tableBalanced[t] = 1;
      }
    } else {
      unit.domain = kind.tables.filter((t) => places.every((p) => p[t] === 1) && !forbidden.has(t) && (anchor < 0 || anchor === t));
      for (const t of unit.domain) allowed[u * T + t] = tableBalanced[t] = 1;
    }
    const deptCount = new Map<number, number>();
    for (const g of unit.members) if (guestDept[g]! >= 0) deptCount.set(guestDept[g]!, (deptCount.get(guestDept[g]!) ?? 0) + 1);
    unit.depts = [...deptCount];
  });
  let placeCost: Float64Array | null = null;
  rules.forEach((r, ri) => {
    if (r.hard) return;
    if (r.kind === 'place') {
      placeCost ??= new Float64Array(U * (T + 1));
      for (const g of r.guests) {
        const u = unitOfGuest[g]!;
        if (u >= 0) for (let t = 0; t <= T; t++) if (!r.tables![t]) placeCost[u * (T + 1) + t]! += r.weight;
      }
      return;
    }
    const perUnit = new Map<number, number>();
    for (const g of r.guests) if (unitOfGuest[g]! >= 0) perUnit.set(unitOfGuest[g]!, (perUnit.get(unitOfGuest[g]!) ?? 0) + 1);
    for (const [u, k] of perUnit) units[u]!.rules.push([ri, k]);
  });

  return {
    G,
    T,
    U,
    R: rules.length,
    D: depts.size,
    guestIds: inst.guests.map((g) => g.id),
    guestNames: inst.guests.map((g) => g.name || g.id),
    tableIds: inst.tables.map((t) => t.id),
    tableNames: inst.tables.map((t) => t.name || t.id),
    capacity,
    tableVip,
    tableLocked,
    tableAccessible,
    guestVip,
    guestNeeds,
    guestParty,
    guestDept,
    guestCurrent,
    guestSeated,
    guestFixed,
    unitOfGuest,
    units,
    allowed,
    rules,
    placeCost,
    deptMode: inst.departments ?? 'ignore',
    anyVipTable: tableVip.some((v, t) => v === 1 && !tableLocked[t]),
    tableBalanced,
    weights,
  };
}
