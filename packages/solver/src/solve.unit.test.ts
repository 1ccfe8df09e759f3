import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { construct } from './construct.ts';
import { generateInstance } from './generate.ts';
import { random } from './random.ts';
import { SearchState } from './state.ts';
import { solve, SolverInputError, type SolverGuest, type SolverInstance, type SolverTable } from './index.ts';
import { CONSTRUCT_MIN_MS } from './solve.ts';

// given / when / then: small instances whose best plan is obvious.
const guest = (id: string, more: Partial<SolverGuest> = {}): SolverGuest => ({ id, name: id, ...more });
const table = (id: string, capacity: number, more: Partial<SolverTable> = {}): SolverTable => ({ id, name: id, capacity, ...more });
const run = (inst: SolverInstance) => solve(inst, { seed: 7, iterations: 20_000 });

describe('solve', () => {
  it('given a party of three and tables of 2 and 4, seats the party together at the 4', () => {
    const r = run({ guests: ['a', 'b', 'c'].map((id) => guest(id, { party: 'Braun' })), tables: [table('T2', 2), table('T4', 4)] });
    expect(r.assignment).toEqual({ a: 'T4', b: 'T4', c: 'T4' });
    expect(r.unsatisfied).toEqual([]);
    expect(r.score.hardViolations).toBe(0);
  });

  it('given fewer seats than guests, leaves without a seat one who had none rather than one who had one', () => {
    // Cara is pinned at the only table, one seat left. Anna (Sales, seated in the plan as it is) would make a Sales
    // pair with Cara, which mixing departments weighs; Ben (IT, listed first) had no seat. Seat everybody starts
    // afresh (no `current` for Anna): the seat she holds is what keeps her.
    const inst: SolverInstance = {
      guests: [
        guest('ben', { department: 'IT' }),
        guest('anna', { department: 'Sales', seated: true }),
        guest('cara', { department: 'Sales', pinned: true }),
      ],
      tables: [table('t1', 2)],
      current: { cara: 't1' },
      departments: 'mix',
    };
    const r = run(inst);
    expect(r.assignment.anna).toBe('t1');
    expect(r.assignment.ben).toBeNull();
    expect(r.score.lostSeats).toBe(0);
    // without the seat she had, nothing holds her place: Ben, first and no Sales pair, sits
    const fresh = run({ ...inst, guests: inst.guests.map((g) => (g.id === 'anna' ? { ...g, seated: false } : g)) });
    expect(fresh.assignment.ben).toBe('t1');
    expect(fresh.assignment.anna).toBeNull();
  });

  it('given a party of six and no table with six free seats, leaves it unseated and says why', () => {
    const r = run({
      guests: Array.from({ length: 6 }, (_, i) => guest(`b${i}`, { party: 'Braun' })),
      tables: [table('T', 8)],
      current: {},
      rules: [],
    });
    expect(r.assignment.b0).toBe('T');
    const r2 = run({
      guests: [...Array.from({ length: 6 }, (_, i) => guest(`b${i}`, { party: 'Braun' })), guest('x', { pinned: true })],
      tables: [table('T', 6)],
      current: { x: 'T' },
    });
    expect(Object.values(r2.assignment).filter((t) => t === 'T')).toHaveLength(1);
    expect(r2.unsatisfied.map((u) => u.reason)).toContain('party Braun (6): no table has 6 free seats (at most 5).');
  });

  it('given a hard keep-apart rule, never seats the two together even when it costs a soft wish', () => {
    const r = run({
      guests: [guest('a'), guest('b')],
      tables: [table('T1', 2), table('T2', 2)],
      rules: [
        { id: 'apart', kind: 'apart', guestIds: ['a', 'b'], hard: true },
        { id: 'together', kind: 'together', guestIds: ['a', 'b'], hard: false },
      ],
    });
    expect(r.assignment.a).not.toBe(r.assignment.b);
    expect(r.unsatisfied.map((u) => u.ruleId)).toEqual(['together']);
    expect(r.unsatisfied[0]!.reason).toBe(
      'keep together a and b: a at table “T1”; b at table “T2” (a soft rule: other wishes weighed more).'.replace(
        'a at T1; b at T2',
        `a at ${r.assignment.a}; b at ${r.assignment.b}`,
      ),
    );
  });

  it('given a soft keep-together rule and room, seats them together', () => {
    const r = run({
      guests: [guest('a'), guest('b'), guest('c')],
      tables: [table('T1', 2), table('T2', 2)],
      rules: [{ id: 'r', kind: 'together', guestIds: ['a', 'c'], hard: false }],
    });
    expect(r.assignment.a).toBe(r.assignment.c);
  });

  it('given a locked table and a pinned guest, leaves them exactly where they are', () => {
    const r = run({
      guests: [guest('l1'), guest('l2'), guest('p'), guest('f')],
      tables: [table('L', 4, { locked: true }), table('T1', 2), table('T2', 2)],
      current: { l1: 'L', p: 'T2' },
      rules: [{ id: 'r', kind: 'apart', guestIds: ['p', 'f'], hard: true }],
    });
    expect(r.assignment).toMatchObject({ l1: 'L', p: 'T2', f: 'T1' });
    expect(['T1', 'T2']).toContain(r.assignment.l2);
    expect(r.changed.sort()).toEqual(['f', 'l2']);
  });

  it('given VIP and accessible tables, seats a VIP at the VIP table and a guest with needs at the accessible one only', () => {
    const r = run({
      guests: [guest('v', { vip: true }), guest('n', { needsAccessible: true }), guest('o')],
      tables: [table('VIP', 2, { vip: true }), table('A', 1, { accessible: true }), table('T', 2)],
    });
    expect(r.assignment).toEqual({ v: 'VIP', n: 'A', o: 'T' });
  });

  it('given a guest with needs and no accessible table, leaves them unseated with the reason', () => {
    const r = run({ guests: [guest('n', { needsAccessible: true, party: 'Okafor' }), guest('m', { party: 'Okafor' })], tables: [table('T', 4)] });
    expect(r.assignment).toEqual({ n: null, m: null });
    expect(r.unsatisfied[0]!.reason).toBe('party Okafor (2): no open table is marked accessible.');
  });

  it('given a current plan and a late guest, repairs by seating the newcomer and moving nobody', () => {
    const inst = generateInstance({ seed: 3, guests: 120, tables: 12, rules: 20 });
    const first = solve(inst, { seed: 1, iterations: 50_000 });
    const late = { ...inst, guests: [...inst.guests, guest('late')], current: first.assignment };
    const r = solve(late, { seed: 1, iterations: 20_000, weights: { moved: 20 } });
    expect(r.assignment.late).not.toBeNull();
    expect(r.changed.filter((g) => g !== 'late').length).toBeLessThanOrEqual(3);
  });

  it('given a party larger than every table, seats it in parts and says so', () => {
    const r = run({ guests: Array.from({ length: 5 }, (_, i) => guest(`p${i}`, { party: 'Rossi' })), tables: [table('T1', 3), table('T2', 3)] });
    expect(Object.values(r.assignment).every((t) => t !== null)).toBe(true);
    expect(r.unsatisfied.map((u) => u.reason)).toEqual(['party Rossi (5): no open table has 5 seats, so they sit in parts.']);
  });

  it('refuses an unreadable instance with what to fix', () => {
    expect(() => solve({ guests: [guest('a'), guest('a')], tables: [] })).toThrow(new SolverInputError('Two guests have the id "a".'));
    expect(() => solve({ guests: [guest('a')], tables: [table('T', 2)], current: { a: 'nowhere' } })).toThrow(
      'seats "a" at "nowhere", which is not among the tables',
    );
    expect(() => solve({ guests: [], tables: [table('T', -1)] })).toThrow('The seating instance is malformed at tables.0.capacity');
    expect(() => solve({ guests: [guest('a')], tables: [], rules: [{ id: 'r', kind: 'near' as 'apart', guestIds: ['a'], hard: true }] })).toThrow(
      'malformed at rules.0.kind',
    );
    expect(() => solve(JSON.parse('{"guests": "all", "tables": []}') as SolverInstance)).toThrow('malformed at guests');
  });

  it('stops when asked, keeps the best plan, and reports progress', () => {
    const inst = generateInstance({ seed: 5, guests: 300, tables: 30, rules: 40 });
    let calls = 0;
    const seen: number[] = [];
    const r = solve(inst, {
      seed: 2,
      iterations: 10_000_000,
      shouldStop: () => ++calls > 20,
      onProgress: (p) => seen.push(p.bestScore),
      now: (() => {
        let t = 0;
        return () => (t += 50);
      })(),
    });
    expect(r.stats.stoppedBy).toBe('stop');
    expect(r.stats.iterations).toBeLessThan(10_000_000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[seen.length - 1]).toBe(r.score.total);
    expect(r.score.total).toBeLessThanOrEqual(r.stats.initialScore);
  });
});

describe('incremental score', () => {
  it('after thousands of random feasible moves, equals the score computed from scratch', () => {
    const inst = generateInstance({ seed: 11, guests: 400, tables: 40, rules: 80, seated: 0.5, pinned: 0.05 });
    const c = compile(inst);
    const s = new SearchState(c);
    construct(s);
    const rnd = random(4);
    for (let i = 0; i < 5000; i++) {
      const u = rnd.int(c.U);
      const dom = c.units[u]!.domain;
      if (!dom.length) continue;
      const t = rnd.int(4) === 0 ? c.T : dom[rnd.int(dom.length)];
      if (t! < c.T && (s.free(t!) < c.units[u]!.size || s.conflicts(u, t!))) continue;
      s.move(u, t!);
    }
    const tracked = s.score;
    expect(s.fullScore()).toBeCloseTo(tracked, 6);
  });
});

describe('time limit', () => {
  // A clock that moves `step` ms each time it is read: a limit is reached after a known number of reads, on any machine.
  const ticking = (step: number) => {
    let t = 0;
    return () => (t += step) - step;
  };

  it('lets a greedy start longer than a short limit finish: a whole plan a little late, not a cut one on time', () => {
    const inst = generateInstance({ seed: 9, guests: 600, tables: 60, rules: 60 });
    // ~300 reads of 10 ms: past the 20 ms limit long before the end, within the start's own floor
    const late = solve(inst, { seed: 1, timeLimitMs: 20, now: ticking(10) });
    expect(late.stats.stoppedBy).toBe('time');
    expect(late.score.unseated).toBe(0);
    expect(late.stats.constructMs).toBeGreaterThan(20);
  });

  it('stops a greedy start past its own floor (CONSTRUCT_MIN_MS) and returns a feasible plan with the rest unseated', () => {
    const inst = generateInstance({ seed: 9, guests: 600, tables: 60, rules: 60 });
    const whole = solve(inst, { seed: 1, iterations: 0 }); // the greedy start alone, no limit
    expect(whole.score.unseated).toBe(0);
    let bests = 0;
    const cut = solve(inst, { seed: 1, timeLimitMs: 20, now: ticking(CONSTRUCT_MIN_MS / 20), onBest: () => bests++ });
    expect(cut.stats.stoppedBy).toBe('time');
    expect(bests).toBe(0); // the result itself follows at once
    expect(cut.stats.iterations).toBe(0);
    // about 20 units seated besides the locked tables' guests; every other guest left unseated
    expect(cut.score.unseated).toBeGreaterThan(inst.guests.length / 2);
    expect(cut.score.hardViolations).toBe(0);
    const seated = new Map<string, number>();
    for (const t of Object.values(cut.assignment)) if (t !== null) seated.set(t, (seated.get(t) ?? 0) + 1);
    for (const t of inst.tables) expect(seated.get(t.id) ?? 0, t.id).toBeLessThanOrEqual(t.capacity);
    for (const [g, t] of Object.entries(inst.current ?? {})) expect(cut.assignment[g], g).toBe(t);
  });

  it('given a cut start that reached no guest of a must-together rule, the rule is not broken: nobody sits apart', () => {
    // Parties of three go first (largest first); the rule's pair (two guests, no party) comes last and is never reached.
    const inst: SolverInstance = {
      guests: [
        ...['a1', 'a2', 'a3'].map((id) => guest(id, { party: 'A' })),
        ...['b1', 'b2', 'b3'].map((id) => guest(id, { party: 'B' })),
        guest('ann'),
        guest('ben'),
      ],
      tables: [table('t1', 4), table('t2', 4)],
      rules: [{ id: 'r1', kind: 'together', guestIds: ['ann', 'ben'], hard: true }],
    };
    const cut = solve(inst, { seed: 1, timeLimitMs: 0, now: ticking(CONSTRUCT_MIN_MS / 2) });
    expect(cut.stats.stoppedBy).toBe('time');
    expect(cut.assignment.ann).toBeNull();
    expect(cut.assignment.ben).toBeNull();
    expect(cut.unsatisfied.filter((u) => u.ruleId === 'r1')).toEqual([]);
    expect(cut.score.hardViolations).toBe(0);
    expect(cut.score.rulesBroken).toBe(0);
    // …and they are still reported as without a seat
    expect(cut.unsatisfied.some((u) => u.kind === 'unseated' && u.guestIds.includes('ann'))).toBe(true);
  });

  it('given a repair cut short, whoever sits wholly at a table they may keep stays there', () => {
    const inst = generateInstance({ seed: 9, guests: 600, tables: 60, rules: 60 });
    const first = solve(inst, { seed: 1, iterations: 0 });
    const late = { ...inst, guests: [...inst.guests, guest('late')], current: first.assignment };
    const cut = solve(late, { seed: 1, timeLimitMs: 0, now: ticking(CONSTRUCT_MIN_MS) });
    expect(cut.stats.stoppedBy).toBe('time');
    expect(cut.changed).toEqual([]);
    expect(cut.assignment.late).toBeNull();
  });
});
