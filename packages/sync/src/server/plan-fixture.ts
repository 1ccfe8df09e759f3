import type { EventStore } from '@seatfold/store';
import { PROTOCOL_VERSION } from '../protocol.ts';
import type { SyncHub } from './hub.ts';

/*
 * For the server's integration tests (nothing else imports it): a plan created on a real store and hub, and
 * organisers' sessions joined to it from an address of the test's choosing.
 */

let n = 0;
/** A fresh id with a readable prefix. */
export const testId = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

/** A created plan on `hub` (its PlanCreated stored), and `join(name, address)`: an organiser's session on it. */
export async function planOnHub(store: EventStore, hub: SyncHub) {
  const planId = testId('plan');
  const token = testId('org');
  await store.createPlan({ id: planId, name: 'P', organiseToken: token, reviewToken: testId('rev'), createdAt: Date.now() });
  const room = await hub.room(planId);
  const seatfold = { id: 'name:Seatfold', name: 'Seatfold' };
  await room.submit({ commandId: testId('create'), command: { type: 'createPlan', name: 'P' }, batchId: null, actor: seatfold, resent: false });
  const join = async (userName: string, address = '127.0.0.1') => {
    const session = hub.connect({ handshake: { headers: {}, address }, send: () => {} });
    const r = await session.handle('join', { protocol: PROTOCOL_VERSION, token, clientId: testId('c'), userName, lastVersion: 0 });
    if (!r.ok) throw new Error(`join refused: ${JSON.stringify(r)}`);
    return session;
  };
  return { planId, room, join };
}
