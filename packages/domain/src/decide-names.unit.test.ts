import { describe, expect, it } from 'vitest';
import { decide, emptyGuestFields, evolve, initialState, inverseOf, type Command, type PlanEvent, type PlanState } from './index.ts';
import { given } from './testing/index.ts';

// One name, one thing, and e-mail addresses that are addresses: checked by decide, so every way in (the forms, an
// API client, two organisers in the same instant, an undo) meets the same rule; never by evolve, so plans stored
// before the rule still fold.

const history: PlanEvent[] = [
  { type: 'PlanCreated', v: 1, name: 'Gala' },
  { type: 'RoomAdded', v: 1, roomId: 'r1', name: 'Großer Saal' },
  { type: 'RoomAdded', v: 1, roomId: 'r2', name: 'Terrace' },
  { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p1', roomId: 'r1', label: 'A-01', capacity: 8 },
  { type: 'PhysicalTableAdded', v: 1, physicalTableId: 'p2', roomId: 'r2', label: 'B-01', capacity: 8 },
  { type: 'TableAdded', v: 1, tableId: 't1', name: 'Family', capacity: 8, vip: false },
  { type: 'TableAdded', v: 1, tableId: 't2', name: '2', capacity: 8, vip: false },
  { type: 'GuestAdded', v: 1, guestId: 'g1', ...emptyGuestFields, name: 'Ada', email: 'ada@example.com' },
];

describe('names are unique per kind', () => {
  it('refuses a room, table or physical table named like another, spacing, case and accents aside', () => {
    given(history)
      .when({ type: 'addRoom', roomId: 'r3', name: '  großer  SAAL ' })
      .thenRejects('AlreadyExists', /^There is a room “Großer Saal” already: give this one another name\.$/);
    // ß written in capitals, or without the letter
    for (const name of ['GROSSER SAAL', 'Grosser Saal', 'GROẞER SAAL'])
      given(history)
        .when({ type: 'addRoom', roomId: 'r3', name })
        .thenRejects('AlreadyExists', /room “Großer Saal” already/);
    given(history)
      .when({ type: 'addRoom', roomId: 'r3', name: 'terracé' })
      .thenRejects('AlreadyExists', /room “Terrace” already/);
    given(history)
      .when({ type: 'addTable', tableId: 't3', name: 'family', capacity: 4 })
      .thenRejects('AlreadyExists', /^There is a table “Family” already: give this one another name\.$/);
    given(history)
      .when({ type: 'addPhysicalTable', physicalTableId: 'p3', roomId: 'r2', label: 'a-01', capacity: 4 })
      .thenRejects('AlreadyExists', /^There is a physical table A-01 in Großer Saal already: give this one another label\.$/);
  });

  it('refuses a rename onto another one’s name, and lets one change the spelling of its own', () => {
    given(history)
      .when({ type: 'renameRoom', roomId: 'r2', name: 'Großer Saal' })
      .thenRejects('AlreadyExists', /room “Großer Saal”/);
    given(history)
      .when({ type: 'editTable', tableId: 't2', changes: { name: 'FAMILY' } })
      .thenRejects('AlreadyExists', /table “Family”/);
    given(history)
      .when({ type: 'editPhysicalTable', physicalTableId: 'p2', changes: { label: 'A-01' } })
      .thenRejects('AlreadyExists', /physical table A-01/);
    given(history)
      .when({ type: 'renameRoom', roomId: 'r1', name: 'GROSSER SAAL' })
      .then([{ type: 'RoomRenamed', v: 1, roomId: 'r1', name: 'GROSSER SAAL', previousName: 'Großer Saal' }]);
    given(history)
      .when({ type: 'editTable', tableId: 't1', changes: { name: 'family' } })
      .then([{ type: 'TableEdited', v: 1, tableId: 't1', changes: { name: 'family' }, previous: { name: 'Family' } }]);
  });

  it('still folds a plan stored with two of one name, and refuses an undo that would make a second', () => {
    const twice: PlanEvent[] = [...history, { type: 'RoomAdded', v: 1, roomId: 'r3', name: 'terrace' }];
    const s = given(twice)
      .when({ type: 'renameRoom', roomId: 'r3', name: 'Garden' })
      .then([{ type: 'RoomRenamed', v: 1, roomId: 'r3', name: 'Garden', previousName: 'terrace' }]);
    expect(Object.values(s.rooms).map((r) => r.name)).toEqual(['Großer Saal', 'Terrace', 'Garden']);
    // Undoing that rename would name it "terrace" again beside "Terrace": refused like any other rename would be.
    const undo = inverseOf({ type: 'RoomRenamed', v: 1, roomId: 'r3', name: 'Garden', previousName: 'terrace' })[0]!;
    const d = decide(s, undo);
    expect(d.ok ? null : d.error.message).toBe('There is a room “Terrace” already: give this one another name.');
  });
});

describe('e-mail addresses', () => {
  it('refuses a new guest with an address that is not one, and takes one that is or none', () => {
    given(history)
      .when({ type: 'addGuest', guestId: 'g2', name: 'Ben', email: 'ben(at)example.com' })
      .thenRejects('InvalidCommand', /^“ben\(at\)example\.com” is not an e-mail address: enter one such as anna@example\.com, or leave it empty\.$/);
    given(history)
      .when({ type: 'addGuest', guestId: 'g2', name: 'Ben', email: 'ben@example' })
      .thenRejects('InvalidCommand', /not an e-mail/);
    given(history)
      .when({ type: 'addGuest', guestId: 'g2', name: 'Ben', email: 'ben@example.com' })
      .then([{ type: 'GuestAdded', v: 1, guestId: 'g2', ...emptyGuestFields, name: 'Ben', email: 'ben@example.com' }]);
    given(history)
      .when({ type: 'addGuest', guestId: 'g2', name: 'Ben', email: '' })
      .then([{ type: 'GuestAdded', v: 1, guestId: 'g2', ...emptyGuestFields, name: 'Ben' }]);
  });

  it('refuses an edit to a bad address; an edit of other fields leaves an address stored before the rule alone', () => {
    given(history)
      .when({ type: 'editGuest', guestId: 'g1', changes: { email: 'ada' } })
      .thenRejects('InvalidCommand', /“ada” is not/);
    given(history)
      .when({ type: 'editGuest', guestId: 'g1', changes: { email: '' } })
      .then([{ type: 'GuestEdited', v: 1, guestId: 'g1', changes: { email: '' }, previous: { email: 'ada@example.com' } }]);
    const legacy: PlanEvent[] = [...history, { type: 'GuestAdded', v: 1, guestId: 'g9', ...emptyGuestFields, name: 'Old', email: 'old@intranet' }];
    given(legacy)
      .when({ type: 'editGuest', guestId: 'g9', changes: { name: 'Olga', email: 'old@intranet' } })
      .then([{ type: 'GuestEdited', v: 1, guestId: 'g9', changes: { name: 'Olga' }, previous: { name: 'Old' } }]);
  });

  it('lets every generated command of a clean plan through: the rule only refuses what it names', () => {
    const s: PlanState = initialState();
    for (const e of history) evolve(s, e);
    const commands: Command[] = [
      { type: 'addRoom', roomId: 'r9', name: 'Garden' },
      { type: 'addTable', tableId: 't9', name: '9', capacity: 4 },
      { type: 'addPhysicalTable', physicalTableId: 'p9', roomId: 'r9', label: 'G-01', capacity: 4 },
      { type: 'editGuest', guestId: 'g1', changes: { email: 'ada.lovelace@example.org' } },
    ];
    for (const c of commands) {
      const d = decide(s, c);
      expect(d.ok, c.type).toBe(true);
      if (d.ok) for (const e of d.events) evolve(s, e);
    }
  });
});

describe('guest numbers', () => {
  const numbered: PlanEvent[] = [
    ...history,
    { type: 'GuestAdded', v: 1, guestId: 'g2', ...emptyGuestFields, name: 'Hiro Tanaka', ref: 'E-1001' },
    { type: 'GuestAdded', v: 1, guestId: 'g3', ...emptyGuestFields, name: 'Jonas Berg', ref: 'E-1002' },
  ];

  it('refuses a number another guest has, spacing and case aside, on add and on edit', () => {
    given(numbered)
      .when({ type: 'addGuest', guestId: 'g4', name: 'Nina', ref: ' e-1001 ' })
      .thenRejects('AlreadyExists', /^Guest number “ e-1001 ” is Hiro Tanaka’s already: give each guest a number of their own\.$/);
    given(numbered)
      .when({ type: 'editGuest', guestId: 'g3', changes: { ref: 'E-1001' } })
      .thenRejects('AlreadyExists', /Hiro Tanaka’s already/);
  });

  it('takes a free number, no number, and a guest’s own number spelled anew', () => {
    given(numbered)
      .when({ type: 'addGuest', guestId: 'g4', name: 'Nina', ref: 'E-1003' })
      .then([{ type: 'GuestAdded', v: 1, guestId: 'g4', ...emptyGuestFields, name: 'Nina', ref: 'E-1003' }]);
    given(numbered)
      .when({ type: 'addGuest', guestId: 'g4', name: 'Nina', ref: '' })
      .then([{ type: 'GuestAdded', v: 1, guestId: 'g4', ...emptyGuestFields, name: 'Nina' }]);
    given(numbered)
      .when({ type: 'editGuest', guestId: 'g2', changes: { ref: 'e-1001' } })
      .then([{ type: 'GuestEdited', v: 1, guestId: 'g2', changes: { ref: 'e-1001' }, previous: { ref: 'E-1001' } }]);
  });

  it('leaves a plan stored with two of one number alone until the number itself changes', () => {
    const legacy: PlanEvent[] = [...numbered, { type: 'GuestAdded', v: 1, guestId: 'g5', ...emptyGuestFields, name: 'Twin', ref: 'E-1001' }];
    given(legacy)
      .when({ type: 'editGuest', guestId: 'g5', changes: { department: 'Sales', ref: 'E-1001' } })
      .then([{ type: 'GuestEdited', v: 1, guestId: 'g5', changes: { department: 'Sales' }, previous: { department: '' } }]);
  });
});
