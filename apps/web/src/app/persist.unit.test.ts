import type { PendingCommand } from '@seatfold/sync';
import { clientReducer, initialClientState } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { loadPending, pendingKey, savePending, type KeyValueStorage } from './persist.ts';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const pending: PendingCommand[] = [
  { commandId: 'c1', command: { type: 'seatGuest', guestId: 'g1', tableId: 't1' }, batchId: null, ackedAt: null },
  { commandId: 'c2', command: { type: 'swapGuests', guestId: 'g1', otherGuestId: 'g2' }, batchId: 'b1', ackedAt: 7 },
];

describe('pending command persistence', () => {
  it('round-trips pending commands per plan token, in order, as not yet acknowledged', () => {
    const st = memoryStorage();
    savePending(st, 'tokA', pending);
    expect(loadPending(st, 'tokA')).toEqual([
      { ...pending[0] },
      { ...pending[1], ackedAt: null }, // resent after reload: the server answers a known id from its store
    ]);
    expect(loadPending(st, 'tokB')).toEqual([]);
  });

  it('removes the entry once nothing is pending', () => {
    const st = memoryStorage();
    savePending(st, 'tokA', pending);
    savePending(st, 'tokA', []);
    expect(st.map.has(pendingKey('tokA'))).toBe(false);
  });

  it('ignores corrupt or foreign data instead of throwing', () => {
    const st = memoryStorage();
    st.setItem(pendingKey('x'), '{not json');
    expect(loadPending(st, 'x')).toEqual([]);
    st.setItem(pendingKey('x'), JSON.stringify({ format: 99, pending }));
    expect(loadPending(st, 'x')).toEqual([]);
    st.setItem(
      pendingKey('x'),
      JSON.stringify({
        format: 1,
        pending: [{ commandId: 'ok', command: { type: 'unseatGuest', guestId: 'g' } }, { commandId: 5 }, null, { commandId: 'c', command: 'x' }],
      }),
    );
    expect(loadPending(st, 'x')).toEqual([{ commandId: 'ok', command: { type: 'unseatGuest', guestId: 'g' }, batchId: null, ackedAt: null }]);
  });

  it('survives a storage that throws (private mode, quota)', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => savePending(broken, 't', pending)).not.toThrow();
    expect(loadPending(broken, 't')).toEqual([]);
  });

  it('what it loads is what sync/restored accepts', () => {
    const st = memoryStorage();
    savePending(st, 'tok', pending);
    const state = clientReducer(initialClientState(), { type: 'sync/restored', payload: loadPending(st, 'tok') });
    expect(state.pending.map((p) => p.commandId)).toEqual(['c1', 'c2']);
  });
});

describe('pending commands of two tabs of one plan', () => {
  const cmd = (commandId: string): PendingCommand => ({
    commandId,
    command: { type: 'unseatGuest', guestId: commandId },
    batchId: null,
    ackedAt: null,
  });
  const ids = (st: KeyValueStorage) => loadPending(st, 'tok').map((p) => p.commandId);

  it("keeps the other tab's commands: a tab replaces only those it held, so closing one loses nothing", () => {
    const st = memoryStorage();
    // Tab A, offline, makes a1; tab B, offline too, makes b1 then b2.
    savePending(st, 'tok', [cmd('a1')], new Set());
    savePending(st, 'tok', [cmd('b1')], new Set());
    savePending(st, 'tok', [cmd('b1'), cmd('b2')], new Set(['b1']));
    expect(ids(st)).toEqual(['a1', 'b1', 'b2']);
    // Tab B comes back online and its commands are confirmed: A's stays, to be resent by whichever tab loads next.
    savePending(st, 'tok', [], new Set(['b1', 'b2']));
    expect(ids(st)).toEqual(['a1']);
    // Tab A is confirmed too: nothing is left.
    savePending(st, 'tok', [], new Set(['a1']));
    expect(st.map.has(pendingKey('tok'))).toBe(false);
  });

  it('a tab that restored the other tab’s commands owns them from then on: none is listed twice', () => {
    const st = memoryStorage();
    savePending(st, 'tok', [cmd('a1')], new Set());
    const restored = loadPending(st, 'tok'); // tab B opens and takes them up to resend
    savePending(st, 'tok', [...restored, cmd('b1')], new Set());
    expect(ids(st)).toEqual(['a1', 'b1']);
    savePending(st, 'tok', [cmd('b1')], new Set(['a1', 'b1'])); // B's resend of a1 is answered
    expect(ids(st)).toEqual(['b1']);
  });
});
