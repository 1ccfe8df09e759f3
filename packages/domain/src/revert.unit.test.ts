import { describe, expect, it } from 'vitest';
import {
  cloneState,
  decide,
  describeEvent,
  diffStates,
  evolve,
  initialState,
  inverseOfAll,
  isEmptyDiff,
  finish,
  LaterChanges,
  planRevert,
  planRevertSteps,
  stateHash,
  type Command,
  type PlanState,
  type RecordedEvent,
} from './index.ts';

/** A plan as a log: run commands as actors, keep every event with who/which batch. */
class Log {
  s: PlanState = initialState();
  events: RecordedEvent[] = [];
  private n = 0;
  /** `actor` is the display name; the id is derived from it unless given (`null`: a legacy event). */
  run(actor: string, c: Command, batchId: string | null = null, actorId: string | null = `id:${actor}`): RecordedEvent[] {
    const d = decide(this.s, c);
    if (!d.ok) throw new Error(`${c.type} refused: ${d.error.message}`);
    const commandId = `c${++this.n}`;
    const out = d.events.map((event) => {
      evolve(this.s, event);
      return { version: this.s.version, event, actor, actorId, commandId, batchId };
    });
    this.events.push(...out);
    return out;
  }
  batch(actor: string, batchId: string, cs: Command[]) {
    return cs.flatMap((c) => this.run(actor, c, batchId));
  }
  after(version: number) {
    return this.events.filter((e) => e.version > version);
  }
}

const withoutVersion = (s: PlanState) => stateHash({ ...s, version: 0 });

function base(): Log {
  const log = new Log();
  const setup: Command[] = [
    { type: 'createPlan', name: 'Party' },
    { type: 'addRoom', roomId: 'r1', name: 'Hall' },
    { type: 'addRoom', roomId: 'r2', name: 'Garden' },
    { type: 'addRoom', roomId: 'r3', name: 'Terrace' },
    { type: 'addPhysicalTable', physicalTableId: 'p1', roomId: 'r1', label: 'H-1', capacity: 4 },
    { type: 'addPhysicalTable', physicalTableId: 'p2', roomId: 'r1', label: 'H-2', capacity: 4 },
    { type: 'addPhysicalTable', physicalTableId: 'p3', roomId: 'r2', label: 'G-1', capacity: 4 },
    { type: 'addTable', tableId: 't1', name: '1', capacity: 4 },
    { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
    { type: 'addTable', tableId: 'v', name: 'VIP', capacity: 4, vip: true },
    { type: 'mapTable', tableId: 'v', physicalTableId: 'p1' },
  ];
  for (const c of setup) log.run('setup', c);
  for (const g of ['a', 'b', 'c', 'd']) log.run('setup', { type: 'addGuest', guestId: g, name: g.toUpperCase() });
  log.run('setup', { type: 'seatGuest', guestId: 'a', tableId: 't1' });
  log.run('setup', { type: 'seatGuest', guestId: 'b', tableId: 't2' });
  return log;
}

describe('inverse commands', () => {
  // One command of every type, each followed by its inverse: the plan must come back exactly as it was.
  const everyCommand: Command[] = [
    { type: 'addRoom', roomId: 'r4', name: 'Cellar' },
    { type: 'renameRoom', roomId: 'r2', name: 'Winter garden' },
    { type: 'removeRoom', roomId: 'r3' },
    { type: 'addPhysicalTable', physicalTableId: 'p4', roomId: 'r2', label: 'G-2', capacity: 6 },
    { type: 'editPhysicalTable', physicalTableId: 'p2', changes: { label: 'H-2b', roomId: 'r2', capacity: 8 } },
    { type: 'removePhysicalTable', physicalTableId: 'p1' },
    { type: 'addTable', tableId: 't9', name: '9', capacity: 6, vip: true },
    { type: 'editTable', tableId: 't1', changes: { name: 'One', capacity: 6, vip: true } },
    { type: 'removeTable', tableId: 't1' },
    { type: 'mapTable', tableId: 't1', physicalTableId: 'p2' },
    { type: 'mapTable', tableId: 'v', physicalTableId: 'p3' },
    { type: 'unmapTable', tableId: 'v' },
    { type: 'lockTable', tableId: 't2' },
    { type: 'addGuest', guestId: 'z', name: 'Zoë', email: 'z@x.org', vip: true },
    { type: 'editGuest', guestId: 'c', changes: { name: 'Cleo', dietary: 'vegan', notes: 'late' } },
    { type: 'removeGuest', guestId: 'a' },
    { type: 'seatGuest', guestId: 'c', tableId: 't1' },
    { type: 'moveGuest', guestId: 'a', tableId: 't2' },
    { type: 'swapGuests', guestId: 'a', otherGuestId: 'b' },
    { type: 'unseatGuest', guestId: 'b' },
  ];
  for (const c of everyCommand) {
    it(`takes back ${c.type}`, () => {
      const log = base();
      const before = cloneState(log.s);
      const events = log.run('me', c).map((r) => r.event);
      expect(events.length).toBeGreaterThan(0);
      expect(withoutVersion(log.s)).not.toBe(withoutVersion(before));
      for (const inv of inverseOfAll(events)) log.run('me', inv);
      expect(withoutVersion(log.s)).toBe(withoutVersion(before));
    });
  }

  it('unlockTable and the inverse of a locked table', () => {
    const log = base();
    log.run('me', { type: 'lockTable', tableId: 't1' });
    const before = cloneState(log.s);
    const events = log.run('me', { type: 'unlockTable', tableId: 't1' }).map((r) => r.event);
    for (const inv of inverseOfAll(events)) log.run('me', inv);
    expect(withoutVersion(log.s)).toBe(withoutVersion(before));
  });
});

describe('planRevert', () => {
  it('takes a whole batch back and keeps a later change by somebody else, listing it as a conflict', () => {
    const log = base();
    const start = log.s.version;
    log.batch('import', 'b1', [
      { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      { type: 'seatGuest', guestId: 'd', tableId: 't1' },
      { type: 'unmapTable', tableId: 'v' },
      { type: 'editGuest', guestId: 'a', changes: { dietary: 'vegan' } },
    ]);
    const batchEnd = log.s.version;
    log.run('bob', { type: 'moveGuest', guestId: 'd', tableId: 't2' }); // bob's later work on d
    const target = log.events.filter((e) => e.batchId === 'b1');
    const plan = planRevert(log.s, target, log.after(batchEnd));
    expect(plan.restored).toBe(3);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.reason).toMatch(/changed again later by bob/);
    expect(plan.conflicts[0]!.event).toMatchObject({ type: 'GuestSeated', guestId: 'd' });
    log.batch('me', 'revert-b1', plan.commands);
    expect(log.s.guests.c!.tableId).toBeNull();
    expect(log.s.guests.d!.tableId).toBe('t2'); // bob's move is still there
    expect(log.s.tables.v!.physicalTableId).toBe('p1');
    expect(log.s.guests.a!.dietary).toBe('');
    expect(start).toBeLessThan(batchEnd);
  });

  it("restores the batch's edit of a guest whose seat somebody changed later, and keeps that later move", () => {
    const log = base();
    const batch = log.batch('import', 'b1', [
      { type: 'editGuest', guestId: 'a', changes: { department: 'WRONG' } },
      { type: 'moveGuest', guestId: 'a', tableId: 't2' },
    ]);
    log.run('bob', { type: 'unseatGuest', guestId: 'a' });
    const plan = planRevert(log.s, batch, log.after(batch.at(-1)!.version));
    expect(plan.conflicts.map((c) => c.event.type)).toEqual(['GuestMoved']);
    log.batch('me', 'r', plan.commands);
    expect(log.s.guests.a).toMatchObject({ department: '', tableId: null });
    // Undo is stricter: any later change of the same guest by somebody else refuses it.
    const strict = planRevert(log.s, batch, log.after(batch.at(-1)!.version), { granularity: 'entity' });
    expect(strict.conflicts).toHaveLength(2);
  });

  it('a revert can itself be reverted', () => {
    const log = base();
    log.batch('import', 'b1', [
      { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      { type: 'unmapTable', tableId: 'v' },
    ]);
    const afterBatch = withoutVersion(log.s);
    const b1 = log.events.filter((e) => e.batchId === 'b1');
    const revert = planRevert(log.s, b1, log.after(b1.at(-1)!.version));
    const r1 = log.batch('me', 'r1', revert.commands);
    expect(log.s.guests.c!.tableId).toBeNull();
    const again = planRevert(log.s, r1, []);
    expect(again.conflicts).toEqual([]);
    log.batch('me', 'r2', again.commands);
    expect(withoutVersion(log.s)).toBe(afterBatch);
  });

  it('undo ignores my own later changes but refuses what another organiser changed since', () => {
    const log = base();
    const mine = log.run('alice', { type: 'moveGuest', guestId: 'a', tableId: 't2' });
    log.run('alice', { type: 'editGuest', guestId: 'a', changes: { notes: 'x' } });
    expect(planRevert(log.s, mine, log.after(mine[0]!.version), { ignoreActorId: 'id:alice' }).conflicts).toEqual([]);
    log.run('bob', { type: 'unseatGuest', guestId: 'a' });
    const plan = planRevert(log.s, mine, log.after(mine[0]!.version), { ignoreActorId: 'id:alice' });
    expect(plan.commands).toEqual([]);
    expect(plan.conflicts[0]).toMatchObject({ laterActor: 'bob', reason: 'changed again later by bob' });
  });

  it('an undo stops at its first conflict, and the steps yield after each event of the target (for slicing)', () => {
    const log = base();
    const batch = log.batch('alice', 'seat-all', [
      { type: 'seatGuest', guestId: 'c', tableId: 't1' },
      { type: 'seatGuest', guestId: 'd', tableId: 't1' },
    ]);
    // my own undo already took them off: every inverse is refused by decide (no later change blocks it, mine are ignored)
    log.run('alice', { type: 'unseatGuest', guestId: 'c' });
    log.run('alice', { type: 'unseatGuest', guestId: 'd' });
    const later = () => {
      const l = new LaterChanges({ ignoreActorId: 'id:alice' });
      finish(l.read(log.after(batch.at(-1)!.version)));
      return l;
    };
    const all = finish(planRevertSteps(log.s, batch, later()));
    expect(all.conflicts.map((c) => c.version)).toEqual(batch.map((e) => e.version));
    let yields = 0;
    const steps = planRevertSteps(log.s, batch, later(), { firstConflict: true });
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    // the newest event of the target is the first tried, and its refusal is the answer
    expect(r.value.conflicts).toEqual([expect.objectContaining({ version: batch.at(-1)!.version, reason: expect.stringMatching(/not seated/) })]);
    expect(yields).toBeGreaterThanOrEqual(2); // after the copy, and after the event that conflicted
  });

  it('undo keys on the actor id: somebody else with my name, or a legacy event, blocks it', () => {
    const log = base();
    const mine = log.run('alice', { type: 'moveGuest', guestId: 'a', tableId: 't2' });
    log.run('alice', { type: 'editGuest', guestId: 'a', changes: { notes: 'x' } }, null, 'member:2');
    const namesake = planRevert(log.s, mine, log.after(mine[0]!.version), { ignoreActorId: 'id:alice', granularity: 'entity' });
    expect(namesake.commands).toEqual([]);
    expect(namesake.conflicts[0]).toMatchObject({ laterActor: 'alice' });

    const other = base();
    const first = other.run('alice', { type: 'moveGuest', guestId: 'a', tableId: 't2' });
    other.run('alice', { type: 'editGuest', guestId: 'a', changes: { notes: 'x' } }, null, null);
    expect(planRevert(other.s, first, other.after(first[0]!.version), { ignoreActorId: 'id:alice', granularity: 'entity' }).conflicts).toHaveLength(
      1,
    );
  });

  it('never removes a table that others have seated guests at since', () => {
    const log = base();
    const added = log.run('import', { type: 'addTable', tableId: 'n', name: 'New', capacity: 4 }, 'b1');
    log.run('bob', { type: 'moveGuest', guestId: 'a', tableId: 'n' });
    const plan = planRevert(log.s, added, log.after(added[0]!.version));
    expect(plan.commands).toEqual([]);
    expect(plan.conflicts[0]!.reason).toMatch(/has guests seated since/);
  });

  it('an inverse that no longer fits (table full by now) is a conflict, and the rest still applies', () => {
    const log = base();
    const batch = log.batch('import', 'b1', [
      { type: 'moveGuest', guestId: 'a', tableId: 't2' },
      { type: 'editGuest', guestId: 'b', changes: { notes: 'imported' } },
    ]);
    log.run('bob', { type: 'editTable', tableId: 't1', changes: { capacity: 1 } });
    log.run('bob', { type: 'seatGuest', guestId: 'c', tableId: 't1' }); // t1 is full now
    const plan = planRevert(log.s, batch, log.after(batch.at(-1)!.version));
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.reason).toMatch(/full/);
    expect(plan.commands).toEqual([{ type: 'editGuest', guestId: 'b', changes: { notes: '' } }]);
  });

  it('plans an undo whose every inverse is refused in one pass: each a conflict, nothing taken back', () => {
    // Alice added 5,000 guests in one command, then removed them herself: her own later changes do not block the undo,
    // but each removeGuest finds no guest. Each refusal once started the plan over (a recursion as deep as the target,
    // a copy of the state per level): 3,000 overflowed the stack.
    const log = base();
    const ids = Array.from({ length: 5_000 }, (_, i) => `n${i}`);
    const added = ids.flatMap((id) => log.run('alice', { type: 'addGuest', guestId: id, name: `New ${id}` }, 'import'));
    for (const id of ids) log.run('alice', { type: 'removeGuest', guestId: id });
    const plan = planRevert(log.s, added, log.after(added.at(-1)!.version), { ignoreActorId: 'id:alice', granularity: 'entity' });
    expect(plan.commands).toEqual([]);
    expect(plan.restored).toBe(0);
    expect(plan.conflicts).toHaveLength(5_000);
    expect(plan.conflicts.map((c) => c.version)).toEqual(added.map((e) => e.version));
    expect(plan.conflicts[0]!.reason).toMatch(/guest/i);
  });

  it('reads the later events in pages to the same plan as all at once', () => {
    const log = base();
    const batch = log.batch('import', 'b1', [
      { type: 'moveGuest', guestId: 'a', tableId: 't2' },
      { type: 'editGuest', guestId: 'b', changes: { notes: 'imported' } },
      { type: 'editGuest', guestId: 'c', changes: { notes: 'imported' } },
    ]);
    log.run('bob', { type: 'editGuest', guestId: 'c', changes: { notes: 'bob' } });
    log.run('alice', { type: 'editGuest', guestId: 'b', changes: { department: 'Sales' } });
    log.run('carol', { type: 'unseatGuest', guestId: 'a' });
    const later = log.after(batch.at(-1)!.version);
    const paged = new LaterChanges();
    for (const page of [later.slice(0, 1), later.slice(1, 2), later.slice(2)]) finish(paged.read(page));
    const plan = finish(planRevertSteps(log.s, batch, paged));
    expect(plan).toEqual(planRevert(log.s, batch, later));
    expect(plan.conflicts.map((c) => c.laterActor)).toEqual(['carol', 'bob']);
    expect(plan.commands).toEqual([{ type: 'editGuest', guestId: 'b', changes: { notes: '' } }]);
  });
});

describe('describeEvent and diffStates', () => {
  it('tells who moved which guest from which table to which', () => {
    const log = base();
    const before = cloneState(log.s);
    const [moved] = log.run('me', { type: 'moveGuest', guestId: 'a', tableId: 't2' });
    expect(describeEvent(moved!.event, before)).toBe('moved A from table 1 to table 2');
    const mid = cloneState(log.s);
    const [mapped] = log.run('me', { type: 'mapTable', tableId: 'v', physicalTableId: 'p3' });
    expect(describeEvent(mapped!.event, mid)).toBe('moved table VIP from H-1 (Hall) to G-1 (Garden)');
  });

  it('lists moved guests and changed tables between two states, and nothing for equal ones', () => {
    const log = base();
    const a = cloneState(log.s);
    expect(isEmptyDiff(diffStates(a, log.s))).toBe(true);
    log.run('me', { type: 'moveGuest', guestId: 'a', tableId: 't2' });
    log.run('me', { type: 'lockTable', tableId: 'v' });
    log.run('me', { type: 'addGuest', guestId: 'n', name: 'N' });
    const d = diffStates(a, log.s);
    expect(d.guestsMoved).toEqual([{ guestId: 'a', from: 't1', to: 't2' }]);
    expect(d.tablesChanged).toEqual([{ tableId: 'v', fields: ['locked'] }]);
    expect(d.guestsAdded).toEqual(['n']);
  });
});
