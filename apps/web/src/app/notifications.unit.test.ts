import type { Command } from '@seatfold/domain';
import type { Rejection } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { notificationsActions, notificationsReducer, subjectsOf } from './notifications.ts';

const refused = (commandId: string, command: Command): Rejection => ({
  commandId,
  command,
  error: { code: 'TableLocked', message: 'Table “Head” is locked' },
  at: 0,
});

describe('refusals out of date', () => {
  it('names every guest, table, physical table and room a command is about', () => {
    expect(subjectsOf({ type: 'swapGuests', guestId: 'a', otherGuestId: 'b', expectedTableId: null, expectedOtherTableId: null })).toEqual([
      'guest:a',
      'guest:b',
    ]);
    expect(subjectsOf({ type: 'seatGuest', guestId: 'a', tableId: 'head', expectedTableId: null })).toEqual(['guest:a', 'table:head']);
    expect(subjectsOf({ type: 'renamePlan', name: 'X' })).toEqual([]);
  });

  it('a later change to what stood in the way (the table unlocked) takes the refusal away; others stay', () => {
    let s = notificationsReducer(undefined, { type: 'init' });
    s = notificationsReducer(
      s,
      notificationsActions.rejected(refused('c1', { type: 'seatGuest', guestId: 'anna', tableId: 'head', expectedTableId: null })),
    );
    s = notificationsReducer(
      s,
      notificationsActions.rejected(refused('c2', { type: 'seatGuest', guestId: 'ben', tableId: 't9', expectedTableId: null })),
    );
    s = notificationsReducer(s, notificationsActions.superseded(subjectsOf({ type: 'unlockTable', tableId: 'head' })[0]!));
    expect(s.rejections.map((r) => r.commandId)).toEqual(['c2']);
  });
});
