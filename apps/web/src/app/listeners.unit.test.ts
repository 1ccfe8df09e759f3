import type { PlanState } from '@seatfold/domain';
import { describe, expect, it } from 'vitest';
import { dataApi } from './data.ts';
import { notificationsActions } from './notifications.ts';
import { sessionActions } from './session.ts';
import { makeStore } from './store.ts';
import { smallPlan } from './testing.ts';

/** A real store (reducers, listeners, RTK Query) holding the small plan: table 1 is full, table 2 has room. */
function storeWith(state: PlanState = smallPlan()) {
  const store = makeStore('client-1', 'Tester');
  store.dispatch(sessionActions.opened({ token: 'tok' }));
  store.dispatch({
    type: 'sync/joined',
    payload: {
      planId: 'plan',
      planName: 'Test',
      role: 'organise',
      version: state.version,
      events: [],
      snapshot: { version: state.version, state },
      online: [],
      onlineCount: 0,
    },
  });
  return store;
}

const issue = (commandId: string, command: object) => ({ type: 'sync/issued', payload: { commandId, command, batchId: null, at: 1 } });
const refused = (commandId: string, code: string) => ({
  type: 'sync/replied',
  payload: { reply: { commandId, status: 'rejected', error: { code, message: `refused: ${code}` } }, at: 2 },
});

describe('notifications: rejections become toasts in the web app, not in the sync reducer', () => {
  it('a command the view refuses is a toast as soon as issue returns, and the plan never holds it', () => {
    const store = storeWith();
    store.dispatch(issue('c1', { type: 'seatGuest', guestId: 'dan', tableId: 't1' }));
    const { notifications, plan } = store.getState();
    expect(notifications.rejections).toMatchObject([{ commandId: 'c1', error: { code: 'TableFull' } }]);
    expect(plan.pending).toEqual([]);
    expect(plan).not.toHaveProperty('rejections');
  });

  it('a server refusal on the merits is a toast; a busy server is not (the command is resent)', () => {
    const store = storeWith();
    store.dispatch(issue('c1', { type: 'seatGuest', guestId: 'dan', tableId: 't2' }));
    store.dispatch(issue('c2', { type: 'unseatGuest', guestId: 'cara' }));
    expect(store.getState().notifications.rejections).toEqual([]);
    store.dispatch(refused('c1', 'ServerBusy'));
    expect(store.getState().notifications.rejections).toEqual([]);
    expect(store.getState().plan.pending.map((p) => p.commandId)).toEqual(['c1', 'c2']);
    store.dispatch(refused('c2', 'Forbidden'));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).toEqual(['c2']);
    // The same answer again (a resend's echo) reports nothing twice.
    store.dispatch(refused('c2', 'Forbidden'));
    expect(store.getState().notifications.rejections).toHaveLength(1);
  });

  it('a later change to the same guest, once stored, takes the toasts of its earlier refusals away, and no others', () => {
    const store = storeWith();
    const accepted = (commandId: string) => ({
      type: 'sync/replied',
      payload: { reply: { commandId, status: 'accepted', firstVersion: 99, lastVersion: 99, eventCount: 1 }, at: 3 },
    });
    store.dispatch(issue('full', { type: 'seatGuest', guestId: 'dan', tableId: 't1' })); // refused here: table 1 is full
    store.dispatch(issue('stale', { type: 'unseatGuest', guestId: 'cara' }));
    store.dispatch(refused('stale', 'StaleMove'));
    store.dispatch(issue('other', { type: 'editTable', tableId: 't2', changes: { name: 'Two' } }));
    store.dispatch(refused('other', 'Forbidden'));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).toEqual(['other', 'stale', 'full']);
    // Dan seated elsewhere: only sent, not stored yet — the refusal stays.
    store.dispatch(issue('again', { type: 'seatGuest', guestId: 'dan', tableId: 't2' }));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).toEqual(['other', 'stale', 'full']);
    store.dispatch(accepted('again'));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).toEqual(['other', 'stale']);
    // A change to another guest, or one refused again, takes nothing away.
    store.dispatch(issue('dan-out', { type: 'unseatGuest', guestId: 'dan' }));
    store.dispatch(accepted('dan-out'));
    store.dispatch(issue('cara-again', { type: 'seatGuest', guestId: 'cara', tableId: 't1' }));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).toEqual(['cara-again', 'other', 'stale']);
  });

  it('keeps the newest 20 rejections, dismisses one or all, and forgets them when the plan closes', () => {
    const store = storeWith();
    for (let i = 0; i < 25; i++) store.dispatch(issue(`bad-${i}`, { type: 'seatGuest', guestId: 'dan', tableId: 't1' }));
    expect(store.getState().notifications.rejections).toHaveLength(20);
    expect(store.getState().notifications.rejections[0]?.commandId).toBe('bad-24');
    store.dispatch(notificationsActions.dismissRejection('bad-24'));
    expect(store.getState().notifications.rejections.map((r) => r.commandId)).not.toContain('bad-24');
    store.dispatch(notificationsActions.dismissAllRejections());
    expect(store.getState().notifications.rejections).toEqual([]);
    store.dispatch(notificationsActions.notice({ text: 'Undone.', tone: 'info' }));
    expect(store.getState().notifications.notices).toMatchObject([{ text: 'Undone.', tone: 'info' }]);
    // read out by the page's one live region, which is always there
    expect(store.getState().ui.announcement.text).toBe('Undone.');
    // A newer outcome replaces the last one; an error stays beside it.
    store.dispatch(notificationsActions.notice({ text: 'Not undone: changed since.', tone: 'error' }));
    store.dispatch(notificationsActions.notice({ text: 'Redone.', tone: 'info' }));
    expect(store.getState().notifications.notices).toMatchObject([
      { text: 'Not undone: changed since.', tone: 'error' },
      { text: 'Redone.', tone: 'info' },
    ]);
    store.dispatch(sessionActions.closed());
    expect(store.getState().notifications.notices).toEqual([]);
  });
});

describe('listeners feeding the history registry', () => {
  it('my issued command becomes undoable once its event is confirmed, and a new plan starts from nothing', () => {
    const store = storeWith();
    store.dispatch(issue('c1', { type: 'unseatGuest', guestId: 'cara' }));
    expect(store.getState().history.undo.undo).toBe(0);
    const v = store.getState().plan.confirmed.version + 1;
    const event = { type: 'GuestUnseated', v: 1, guestId: 'cara', tableId: 't2' };
    store.dispatch({
      type: 'sync/events',
      payload: [{ version: v, event, meta: { commandId: 'c1', actor: 'Tester', actorId: 'p1', at: 3, batchId: null } }],
    });
    expect(store.getState().plan.pending).toEqual([]);
    expect(store.getState().history.undo.undo).toBe(1);
    store.dispatch(sessionActions.closed());
    store.dispatch(sessionActions.opened({ token: 'other' }));
    expect(store.getState().history.undo.undo).toBe(0);
  });
});

describe('RTK Query data', () => {
  it('asks for batches only while connected: without one the query fails with a retryable sentence', async () => {
    const store = storeWith();
    const r = await store.dispatch(dataApi.endpoints.batches.initiate('tok'));
    expect(r.error).toEqual({ message: 'You are offline: this needs a connection to the server.', retryable: true });
  });
});

describe('a snapshot is frozen deep only once the page is idle', () => {
  it('is frozen at its top when joined, and all through a moment later', async () => {
    const state = smallPlan();
    const store = storeWith(state);
    const confirmed = store.getState().plan.confirmed;
    expect(confirmed).toBe(state);
    expect(Object.isFrozen(confirmed)).toBe(true);
    expect(Object.isFrozen(confirmed.guests)).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(Object.isFrozen(confirmed.guests)).toBe(true);
    expect(Object.values(confirmed.guests).every((g) => Object.isFrozen(g))).toBe(true);
  });
});
