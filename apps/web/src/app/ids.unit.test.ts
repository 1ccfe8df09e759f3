import { describe, expect, it } from 'vitest';
import { rejectionText } from './describe.ts';
import { dropCommand, dropVerdict } from './dnd.ts';
import { entityName } from './history.ts';
import { smallPlan } from './testing.ts';

/** Issue #8, finding 2 in the browser: ids named like Object.prototype's members are unknown entities, never its members. */
const RESERVED = ['constructor', 'hasOwnProperty', 'valueOf', 'toString', '__proto__'];

describe('the web reads entities by id through the domain’s own-entry lookup', () => {
  const s = smallPlan();

  it('rejection texts name no prototype member', () => {
    for (const x of RESERVED) {
      expect(rejectionText({ type: 'moveGuest', guestId: x, tableId: 't2' }, 'Gone.', s)).toBe(
        'Could not move a guest who has since been removed: Gone.',
      );
      expect(rejectionText({ type: 'removeRoom', roomId: x }, 'Gone.', s)).toBe(`Could not remove room “${x}”: Gone.`);
    }
  });

  it('a drag of such an id means nothing and is not allowed', () => {
    for (const x of RESERVED) {
      expect(dropCommand({ kind: 'guest', guestId: x }, { kind: 'table', tableId: 't2' }, s)).toBeNull();
      expect(dropCommand({ kind: 'guest', guestId: 'dan' }, { kind: 'chip', guestId: x }, s)).toBeNull();
      expect(dropCommand({ kind: 'table', tableId: x }, { kind: 'physical', physicalTableId: 'p1' }, s)).toBeNull();
      expect(dropVerdict({ kind: 'guest', guestId: x }, { kind: 'table', tableId: 't2' }, s).state).not.toBe('ok');
    }
  });

  it('history names fall back instead of showing a function', () => {
    for (const x of RESERVED) expect(entityName(`guest:${x}`, [s])).not.toMatch(/function|Object|\[native/);
  });
});
