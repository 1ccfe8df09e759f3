import type { Command } from '@seatfold/domain';
import type { Rejection } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { unaddedText } from './unadded.ts';

const refusal = (command: Command, code: Rejection['error']['code'], message: string) => ({ command, error: { code, message } });
const gone = 'That table no longer exists. It may have been removed by somebody else.';

describe('a change refused because what it was for was never added', () => {
  // Offline, the planner added table 21 and seated Ann there; a colleague had added a table 21 meanwhile.
  const addTable = refusal(
    { type: 'addTable', tableId: 't-mine', name: '21', capacity: 8 },
    'AlreadyExists',
    'There is a table “21” already: give this one another name.',
  );
  const seatAnn = refusal({ type: 'seatGuest', guestId: 'ann', tableId: 't-mine', expectedTableId: null }, 'UnknownTable', gone);

  it('says the table was not added, and why, instead of a removal nobody made', () => {
    expect(unaddedText(seatAnn, [seatAnn, addTable])).toBe('table “21” was not added — there is a table “21” already: give this one another name.');
  });

  it('keeps the plan’s own message for a table somebody did remove, or once the refusal of the adding is gone', () => {
    const other = refusal({ type: 'seatGuest', guestId: 'ann', tableId: 't-removed', expectedTableId: null }, 'UnknownTable', gone);
    expect(unaddedText(other, [other, addTable])).toBeNull();
    expect(unaddedText(seatAnn, [seatAnn])).toBeNull();
  });

  it('matches the kind of thing: a guest not added, for a swap that names them second', () => {
    const addGuest = refusal(
      { type: 'addGuest', guestId: 'g-new', name: 'Bo Berg' },
      'AlreadyExists',
      'Guest number “7” is Ann’s already: give each guest a number of their own.',
    );
    const swap = refusal(
      { type: 'swapGuests', guestId: 'ann', otherGuestId: 'g-new', expectedTableId: null, expectedOtherTableId: null },
      'UnknownGuest',
      'That guest no longer exists. They may have been removed by somebody else.',
    );
    expect(unaddedText(swap, [addGuest])).toBe('Bo Berg was not added — guest number “7” is Ann’s already: give each guest a number of their own.');
    expect(unaddedText({ ...swap, error: { ...swap.error, code: 'UnknownTable' as const } }, [addGuest])).toBeNull();
  });
});
