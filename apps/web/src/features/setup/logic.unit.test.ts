import { isValidId } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { smallPlan } from '../../app/testing.ts';
import { newEntityId, possibleDuplicate, prepare, roomNameTaken, schemaErrors, trial, wholeNumber } from './logic.ts';

describe('setup form logic', () => {
  it('makes ids in the domain’s grammar, all different', () => {
    const ids = Array.from({ length: 50 }, () => newEntityId('g'));
    expect(ids.every(isValidId)).toBe(true);
    expect(new Set(ids).size).toBe(50);
  });

  it('names the field the domain schema refuses, with the schema’s own sentence', async () => {
    expect(await schemaErrors([{ type: 'addGuest', guestId: 'g-1', name: '   ' }])).toEqual({ name: 'Names cannot be empty.' });
    expect(await schemaErrors([{ type: 'addTable', tableId: 't-9', name: '9', capacity: 0 }])).toEqual({
      capacity: 'A table needs at least 1 seat.',
    });
    expect((await schemaErrors([{ type: 'editGuest', guestId: 'anna', changes: { email: 'x'.repeat(321) } }])).email).toMatch(/at most 320/);
    expect(await schemaErrors([{ type: 'addGuest', guestId: 'g-2', name: 'Eva' }])).toEqual({});
    // a seats field left empty or holding text: a planner's sentence, not the schema library's
    expect(await schemaErrors([{ type: 'addTable', tableId: 't-9', name: '9', capacity: Number.NaN }])).toEqual({
      capacity: 'Enter a whole number, such as 10.',
    });
  });

  it('tries commands in order on a copy and returns the domain’s refusal without touching the state', () => {
    const s = smallPlan();
    const before = JSON.stringify(s);
    // room then a table in it: fine only in that order
    expect(
      trial(s, [
        { type: 'addRoom', roomId: 'r9', name: 'Garden' },
        { type: 'addPhysicalTable', physicalTableId: 'p9', roomId: 'r9', label: 'G-01', capacity: 8 },
      ]),
    ).toBeNull();
    expect(trial(s, [{ type: 'addPhysicalTable', physicalTableId: 'p9', roomId: 'r9', label: 'G-01', capacity: 8 }])).toMatch(/room/i);
    // a locked table refuses edits: the planner reads why
    expect(trial(s, [{ type: 'editTable', tableId: 'tv', changes: { name: 'Top' } }])).toMatch(/locked/i);
    expect(
      trial(s, [
        { type: 'unlockTable', tableId: 'tv' },
        { type: 'editTable', tableId: 'tv', changes: { name: 'Top' } },
      ]),
    ).toBeNull();
    expect(JSON.stringify(s)).toBe(before);
  });

  it('prepare reports field errors before refusals, and ok when all would apply', async () => {
    const s = smallPlan();
    expect(await prepare(s, [{ type: 'addTable', tableId: 't-new', name: '', capacity: 10 }])).toEqual({
      ok: false,
      fields: { name: 'Names cannot be empty.' },
      message: null,
    });
    expect(await prepare(s, [{ type: 'removeRoom', roomId: 'r1' }])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/still has 2 physical tables/),
    });
    expect(
      await prepare(s, [
        { type: 'unseatGuest', guestId: 'anna' },
        { type: 'removeGuest', guestId: 'anna' },
      ]),
    ).toEqual({ ok: true });
  });

  it('reads whole numbers only', () => {
    expect(wholeNumber(' 12 ')).toBe(12);
    expect(wholeNumber('1.5')).toBeNaN();
    expect(wholeNumber('')).toBeNaN();
  });
});

describe('room names', () => {
  it('refuses a name another room has, whatever its case, accents or spaces; a room keeps its own', () => {
    const rooms = [
      { id: 'r1', name: 'Grand Hall 🏛️' },
      { id: 'r2', name: 'Foyer' },
    ];
    expect(roomNameTaken(rooms, ' grand hall 🏛️ ').name).toBe('There is a room “Grand Hall 🏛️” already: give this one another name.');
    expect(roomNameTaken(rooms, 'Föyer').name).toBeDefined();
    expect(roomNameTaken(rooms, 'Foyer', 'r2')).toEqual({});
    expect(roomNameTaken(rooms, 'Terrace')).toEqual({});
  });
});

describe('a guest added twice', () => {
  const guests = [
    { id: 'g1', name: 'Anna Müller', email: 'anna@example.com' },
    { id: 'g2', name: 'Ben Braun', email: '' },
  ];
  const twin = (name: string, email: string) => {
    const found = possibleDuplicate(guests, name, email);
    return found && [found.guest.id, found.by];
  };
  it('is the same name with no address telling them apart', () => {
    expect(twin(' anna muller ', 'ANNA@example.com')).toEqual(['g1', 'name']);
    expect(twin('Anna Müller', '')).toEqual(['g1', 'name']);
    expect(twin('Ben Braun', 'ben@example.com')).toEqual(['g2', 'name']);
  });
  it('is another name with the same address (imports would take them for one guest)', () => {
    expect(twin('Annette Other', 'Anna@Example.com')).toEqual(['g1', 'email']);
  });
  it('is not a namesake with another address, nor another name and address, nor an empty name', () => {
    expect(twin('Anna Müller', 'anna.m@example.org')).toBeNull();
    expect(twin('Anna Meyer', 'meyer@example.com')).toBeNull();
    expect(twin('Anna Meyer', '')).toBeNull();
    expect(twin('  ', '')).toBeNull();
  });
});
