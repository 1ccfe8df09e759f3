import { diffStates, type Command } from '@seatfold/domain/core';
import { describe, expect, it } from 'vitest';
import { sourceName, targetName } from '../ui/dragdrop.tsx';
import { rejectionText } from './describe.ts';
import { swapSentence } from './dnd.ts';
import { diffLines } from './timeline.ts';
import { planFrom } from './testing.ts';

/** Two guests called Kim Doe (told apart by e-mail) and one Lee Roe, at two tables. */
const setup: Command[] = [
  { type: 'createPlan', name: 'Test' },
  { type: 'addTable', tableId: 't1', name: '1', capacity: 1 },
  { type: 'addTable', tableId: 't2', name: '2', capacity: 4 },
  { type: 'addGuest', guestId: 'k1', name: 'Kim Doe', email: 'kim@a.org' },
  { type: 'addGuest', guestId: 'k2', name: 'Kim Doe', email: 'kim@b.org' },
  { type: 'addGuest', guestId: 'lee', name: 'Lee Roe' },
  { type: 'seatGuest', guestId: 'k1', tableId: 't1' },
  { type: 'seatGuest', guestId: 'lee', tableId: 't2' },
];

describe('two guests of one name on the board', () => {
  const s = planFrom(setup);

  it('drag announcements say which of them is carried or under the drop', () => {
    expect(sourceName({ kind: 'guest', guestId: 'k2' }, s)).toBe('guest Kim Doe (kim@b.org)');
    expect(targetName({ kind: 'chip', guestId: 'k1' }, s)).toBe('Kim Doe (kim@a.org) at table “1”');
    expect(sourceName({ kind: 'guest', guestId: 'lee' }, s)).toBe('guest Lee Roe');
  });

  it('a refusal toast names the guest it refused', () => {
    const c: Command = { type: 'seatGuest', guestId: 'k2', tableId: 't1' };
    expect(rejectionText(c, 'Table “1” is full (1 of 1 seats taken).', s)).toBe(
      'Could not seat Kim Doe (kim@b.org): Table “1” is full (1 of 1 seats taken).',
    );
  });

  it('a swap and the timeline’s comparison say which of them moved', () => {
    const after = planFrom([...setup, { type: 'swapGuests', guestId: 'k1', otherGuestId: 'lee' }]);
    expect(swapSentence('k1', 'lee', after)).toBe(
      'Swapped Kim Doe (kim@a.org) and Lee Roe: Kim Doe (kim@a.org) now sits at table “2”, Lee Roe at table “1”.',
    );
    const lines = diffLines(diffStates(s, after), s, after, new Map()).map((l) => l.text);
    expect(lines).toContain('Kim Doe (kim@a.org): table 1 → table 2');
  });
});
