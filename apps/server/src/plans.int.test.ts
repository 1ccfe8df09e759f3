/**
 * Creating a plan is two writes (the plan's row, then its set-up batch) and then its owner. The database lost between
 * the first two (found by killing the server's PostgreSQL backends under POST /api/plans: 14% of creations answered
 * 500 "The server failed to answer" with a stack in the log) must be the same retryable refusal as any other write.
 */
import { randomUUID } from 'node:crypto';
import { StoreUnavailableError, type EventStore } from '@seatfold/store';
import { refuseEventsOf } from '@seatfold/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from './plans.ts';
import { backends, startApp, type RunningApp } from './testing.ts';

describe.each(backends())('creating a plan while the database cannot store it ($name)', (backend) => {
  let store: EventStore;
  let server: RunningApp;
  beforeAll(async () => {
    store = await backend.open();
    server = await startApp(store);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  for (const [what, sqlstate, why] of [
    ['a full disk', '53100', 'no-space'],
    ['a connection lost', '57P01', 'unreachable'],
  ] as const) {
    it(`refuses as retryable when its set-up meets ${what}, and the plan is created when asked again`, async () => {
      const id = `plan-refused-${randomUUID()}`;
      const allow = await refuseEventsOf(store, id, sqlstate);
      let refusal: unknown;
      try {
        await createPlan(store, server.app.hub, 'Refused', { id }).catch((err: unknown) => (refusal = err));
      } finally {
        await allow();
      }
      // the HTTP layer answers a StoreUnavailableError as 503 Unavailable with Retry-After (http/errors.ts)
      expect(refusal).toBeInstanceOf(StoreUnavailableError);
      expect((refusal as StoreUnavailableError).why).toBe(why);
      expect(await store.readStream(id)).toEqual([]);
      // the database back: a new creation (a new id, as POST /api/plans makes) works on the same server
      const again = await createPlan(store, server.app.hub, 'Again', { id: `${id}-again` });
      expect((await store.readStream(again.planId)).length).toBeGreaterThan(0);
    });
  }
});
