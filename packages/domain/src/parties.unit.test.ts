import { describe, expect, it } from 'vitest';
import {
  decide,
  describePartySeating,
  emptyGuestFields,
  foldInto,
  initialState,
  inverseOfAll,
  parseCommand,
  partyKey,
  splitParties,
  staleFact,
  staleMessage,
  type GuestFields,
  type PlanEvent,
} from './index.ts';
import { clone, given as givenEvents } from './testing/index.ts';

const given = (history: PlanEvent[]) => givenEvents(history, { parse: true, unsaid: /undefined|\[object|null/ });

/** given(events).when(command).then(events) / .thenRejects(code, message) — as in decide.test.ts. */

const guest = (guestId: string, name: string, extra: Partial<GuestFields> = {}): PlanEvent => ({
  type: 'GuestAdded',
  v: 1,
  guestId,
  ...emptyGuestFields,
  name,
  ...extra,
});
const table = (tableId: string, name: string, capacity: number): PlanEvent => ({ type: 'TableAdded', v: 1, tableId, name, capacity, vip: false });
const seated = (guestId: string, tableId: string): PlanEvent => ({ type: 'GuestSeated', v: 1, guestId, tableId });
const moved = (guestId: string, fromTableId: string, toTableId: string): PlanEvent => ({ type: 'GuestMoved', v: 1, guestId, fromTableId, toTableId });

/** Party Braun: b1..b4 (party text written four ways), Lena Vogel alone, tables t1 "1" (6), t9 "9" (5), t2 "2" (2). */
const world: PlanEvent[] = [
  { type: 'PlanCreated', v: 1, name: 'Wedding' },
  table('t1', '1', 6),
  table('t9', '9', 5),
  table('t2', '2', 2),
  guest('b1', 'Anna Braun', { party: 'Braun' }),
  guest('b2', 'Bernd Braun', { party: 'braun' }),
  guest('b3', 'Carla Braun', { party: ' BRAUN ' }),
  guest('b4', 'Dora Braun', { party: 'Braun' }),
  guest('x1', 'Lena Vogel'),
  guest('x2', 'Max Ott', { party: 'Ott' }),
];

describe('seatParty', () => {
  it('seats every member of the party (party compared trimmed and case-insensitively) in one step', () => {
    const after = given(world)
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9' })
      .then(['b1', 'b2', 'b3', 'b4'].map((id) => seated(id, 't9')));
    expect(after.tables.t9!.guestIds).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('moves members seated elsewhere and leaves those already at the table where they are', () => {
    given([...world, seated('b1', 't9'), seated('b2', 't1')])
      .when({ type: 'seatParty', party: 'braun', tableId: 't9' })
      .then([moved('b2', 't1', 't9'), seated('b3', 't9'), seated('b4', 't9')]);
  });

  it('changes nothing when the whole party already sits there', () => {
    given([...world, ...['b1', 'b2', 'b3', 'b4'].map((id) => seated(id, 't1'))])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't1' })
      .then([]);
  });

  it('is refused whole, with the numbers, when the table has too few free seats', () => {
    given([...world, seated('x1', 't9'), seated('x2', 't9')])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9' })
      .thenRejects('TableFull', /^Party Braun \(4\): table “9” has 3 free seats\.$/);
  });

  it('counts the members already there when it refuses', () => {
    given([...world, seated('b1', 't2')])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't2' })
      .thenRejects('TableFull', /^Party Braun \(4, 1 already there\): table “2” has 1 free seat\.$/);
  });

  it('respects the physical table under the logical one', () => {
    const onSmall: PlanEvent[] = [
      { type: 'RoomAdded', v: 1, roomId: 'r', name: 'Hall' },
      { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p', roomId: 'r', label: 'H-1', capacity: 3 },
      { type: 'TableMapped', v: 1, tableId: 't1', physicalTableId: 'p', previousPhysicalTableId: null },
    ];
    given([...world, ...onSmall])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't1' })
      .thenRejects('TableFull', /table “1” has 3 free seats \(it stands on physical table H-1, which seats 3\)/);
  });

  it('is refused at a locked table, and when a member sits at a locked table', () => {
    const lock = (tableId: string): PlanEvent => ({ type: 'TableLocked', v: 1, tableId });
    given([...world, lock('t9')])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9' })
      .thenRejects('TableLocked', /Party Braun \(4\): table “9” is locked/);
    given([...world, seated('b3', 't2'), lock('t2')])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9' })
      .thenRejects('TableLocked', /Carla Braun sits at locked table “2”/);
  });

  it('is refused for a party nobody belongs to, and for an unknown table', () => {
    given(world)
      .when({ type: 'seatParty', party: 'Schulz', tableId: 't9' })
      .thenRejects('UnknownParty', /Nobody belongs to party Schulz/);
    given(world)
      .when({ type: 'seatParty', party: 'Braun', tableId: 'nope' })
      .thenRejects('UnknownTable', /no longer exists/);
  });

  it('the schema refuses an empty party name', () => {
    expect(parseCommand({ type: 'seatParty', party: '  ', tableId: 't9' }).ok).toBe(false);
  });

  it('is undone as one step: the inverse of its events puts everybody back', () => {
    const start = foldInto(initialState(), clone([...world, seated('b2', 't1')]));
    const d = decide(start, { type: 'seatParty', party: 'Braun', tableId: 't9' });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    let s = foldInto(clone(start), clone(d.events));
    for (const c of inverseOfAll(d.events)) {
      const step = decide(s, c);
      expect(step.ok, JSON.stringify(step)).toBe(true);
      if (step.ok) s = foldInto(s, step.events);
    }
    for (const id of ['b1', 'b2', 'b3', 'b4']) expect(s.guests[id]!.tableId).toBe(start.guests[id]!.tableId);
  });

  it('is refused as stale when a member was seated elsewhere since the planner picked the party up', () => {
    const expected = ['b1', 'b2', 'b3', 'b4'].map((guestId) => ({ guestId, tableId: null }));
    given([...world, seated('b3', 't1')])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9', expected })
      .thenRejects('Stale', /^Carla Braun was just seated at table “1” — drop again if you still want to seat the whole party\.$/);
    given([...world, guest('b5', 'Emil Braun', { party: 'Braun' })])
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9', expected })
      .thenRejects('Stale', /Emil Braun just joined Party Braun/);
    given(world)
      .when({ type: 'seatParty', party: 'Braun', tableId: 't9', expected })
      .then(['b1', 'b2', 'b3', 'b4'].map((id) => seated(id, 't9')));
  });
});

describe('stale drops', () => {
  it('an unseated guest seated by somebody else meanwhile: the drop is refused, not turned into a move', () => {
    const g = given([...world, seated('x1', 't1')]);
    g.when({ type: 'seatGuest', guestId: 'x1', tableId: 't9', expectedTableId: null }).thenRejects(
      'Stale',
      /^Lena Vogel was just seated at table “1” — drop again if you still want to move them\.$/,
    );
    g.when({ type: 'moveGuest', guestId: 'x1', tableId: 't9', expectedTableId: null }).thenRejects(
      'Stale',
      /Lena Vogel was just seated at table “1”/,
    );
  });

  it('a guest moved or unseated meanwhile', () => {
    given([...world, seated('x1', 't1'), moved('x1', 't1', 't2')])
      .when({ type: 'moveGuest', guestId: 'x1', tableId: 't9', expectedTableId: 't1' })
      .thenRejects('Stale', /Lena Vogel was just moved to table “2”/);
    given(world)
      .when({ type: 'unseatGuest', guestId: 'x1', expectedTableId: 't1' })
      .thenRejects('Stale', /Lena Vogel was just taken off table “1” — drop again if you still want to seat them/);
  });

  it('a swap checks both sides', () => {
    const g = given([...world, seated('x1', 't1'), seated('x2', 't2'), moved('x2', 't2', 't9')]);
    g.when({ type: 'swapGuests', guestId: 'x1', otherGuestId: 'x2', expectedTableId: 't1', expectedOtherTableId: 't2' }).thenRejects(
      'Stale',
      /Max Ott was just moved to table “9”/,
    );
    g.when({ type: 'swapGuests', guestId: 'x1', otherGuestId: 'x2', expectedTableId: 't1', expectedOtherTableId: 't9' }).then([
      { type: 'GuestsSwapped', v: 1, guestId: 'x1', tableId: 't1', otherGuestId: 'x2', otherTableId: 't9' },
    ]);
  });

  it('what the planner saw still holds: the drop is decided as before', () => {
    given(world)
      .when({ type: 'seatGuest', guestId: 'x1', tableId: 't9', expectedTableId: null })
      .then([seated('x1', 't9')]);
    given([...world, seated('x1', 't1')])
      .when({ type: 'moveGuest', guestId: 'x1', tableId: 't9', expectedTableId: 't1' })
      .then([moved('x1', 't1', 't9')]);
  });

  it('commands without an expectation (stored before it existed) decide as they always did', () => {
    given([...world, seated('x1', 't1')])
      .when({ type: 'moveGuest', guestId: 'x1', tableId: 't9' })
      .then([moved('x1', 't1', 't9')]);
  });

  it('table placement: a table placed or taken off by somebody else meanwhile', () => {
    const venue: PlanEvent[] = [
      { type: 'RoomAdded', v: 1, roomId: 'r', name: 'Hall' },
      { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p1', roomId: 'r', label: 'H-1', capacity: 8 },
      { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p2', roomId: 'r', label: 'H-2', capacity: 8 },
    ];
    const placed: PlanEvent = { type: 'TableMapped', v: 1, tableId: 't1', physicalTableId: 'p1', previousPhysicalTableId: null };
    given([...world, ...venue, placed])
      .when({ type: 'mapTable', tableId: 't1', physicalTableId: 'p2', expectedPhysicalTableId: null })
      .thenRejects('Stale', /^Table “1” was just placed on H-1 — drop again if you still want to place it\.$/);
    given([...world, ...venue])
      .when({ type: 'unmapTable', tableId: 't1', expectedPhysicalTableId: 'p1' })
      .thenRejects('Stale', /Table “1” was just taken off H-1/);
    given([...world, ...venue, placed])
      .when({ type: 'mapTable', tableId: 't1', physicalTableId: 'p2', expectedPhysicalTableId: 'p1' })
      .then([{ type: 'TableMapped', v: 1, tableId: 't1', physicalTableId: 'p2', previousPhysicalTableId: 'p1' }]);
  });

  it('an expected id outside the id grammar is refused like any other id', () => {
    const s = foldInto(initialState(), clone(world));
    const d = decide(s, { type: 'seatGuest', guestId: 'x1', tableId: 't9', expectedTableId: '__proto__' });
    expect(d.ok === false && d.error.code).toBe('InvalidCommand');
  });

  it('names the actor when the client knows who made the change', () => {
    const s = foldInto(initialState(), clone([...world, seated('x1', 't9')]));
    const fact = staleFact(s, { type: 'seatGuest', guestId: 'x1', tableId: 't1', expectedTableId: null });
    expect(fact?.entity).toBe('guest:x1');
    expect(staleMessage(fact!, 'Anna')).toBe('Anna just seated Lena Vogel at table “9” — drop again if you still want to move them.');
  });
});

describe('split parties', () => {
  it('lists parties whose seated members sit at two or more tables', () => {
    const s = foldInto(initialState(), clone([...world, seated('b1', 't1'), seated('b2', 't9'), seated('x2', 't1')]));
    const split = splitParties(s);
    expect([...split.keys()]).toEqual(['braun']);
    expect(split.get('braun')).toMatchObject({ party: 'Braun', guestIds: ['b1', 'b2', 'b3', 'b4'], tableIds: ['t1', 't9'], unseated: 2 });
    const together = foldInto(initialState(), clone([...world, seated('b1', 't1'), seated('b2', 't1')]));
    expect(splitParties(together).size).toBe(0);
  });
});

describe('the timeline sentence of a seated party', () => {
  it('says it in one sentence, and only for one party seated at one table', () => {
    const s = foldInto(initialState(), clone([...world, seated('b2', 't1')]));
    const d = decide(s, { type: 'seatParty', party: 'Braun', tableId: 't9' });
    expect(d.ok && describePartySeating(d.events, s)).toBe('seated 4 guests of Party Braun at table 9');
    expect(describePartySeating([seated('b1', 't9'), seated('x2', 't9')], s)).toBeNull();
    expect(describePartySeating([seated('b1', 't9'), seated('b3', 't1')], s)).toBeNull();
    expect(describePartySeating([seated('b1', 't9')], s)).toBeNull();
  });
});

describe('partyKey', () => {
  it('lower-cases as English does (toLocaleLowerCase("en")), every code point', () => {
    const differ: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c < 0xe000) continue;
      const ch = `A${String.fromCodePoint(c)}`;
      if (partyKey(ch) !== ch.trim().normalize('NFC').toLocaleLowerCase('en')) differ.push(c.toString(16));
    }
    expect(differ).toEqual([]);
    // what depends on the letters around: Greek final sigma (the Turkish and Lithuanian rules are not English)
    for (const s of ['ΟΔΟΣ', 'ΟΔΟΣ ΚΑΙ', 'Σ', 'ΑΣ.', '  The İnce FAMILY ΟΔΟΣ ', 'IÌĮ̀'])
      expect(partyKey(s)).toBe(s.trim().normalize('NFC').toLocaleLowerCase('en'));
    expect(partyKey('  The İnce FAMILY ΟΔΟΣ ')).toBe('the i̇nce family οδος');
  });
});
