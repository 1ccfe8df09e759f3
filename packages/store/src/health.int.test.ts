import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isConnectionError, StoreUnavailableError, trackHealth } from './health.ts';
import { openStore } from './open.ts';
import { connectionKiller, relay, withApplicationName } from './testing.ts';

describe('isConnectionError', () => {
  it('tells a lost connection from a statement the database refused', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08003']) {
      expect(isConnectionError(Object.assign(new Error('x'), { code }))).toBe(true);
    }
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(new StoreUnavailableError())).toBe(true);
    for (const code of ['23505', '22P05', '42P01', undefined]) expect(isConnectionError(Object.assign(new Error('no'), { code }))).toBe(false);
    expect(isConnectionError(null)).toBe(false);
  });
});

describe('trackHealth', () => {
  it('degrades on a connection failure, and a background probe brings it back without traffic', async () => {
    let up = false;
    const lost = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const t = trackHealth(
      async () => {
        if (!up) throw lost();
      },
      { probeEveryMs: 5 },
    );
    try {
      expect(t.health().ok).toBe(true);
      await expect(t.guard(() => Promise.reject(lost()))).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(t.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/database/) });
      // A refused statement is passed through untouched and proves the database answers.
      const refused = Object.assign(new Error('duplicate'), { code: '23505' });
      up = true;
      await waitUntil(() => t.health().ok);
      await expect(t.guard(() => Promise.reject(refused))).rejects.toBe(refused);
      expect(t.health().ok).toBe(true);
    } finally {
      t.stop();
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl) {
  describe('PostgreSQL connection loss', () => {
    it('survives terminated backends while queries are in flight, reports degraded, and recovers by itself', async () => {
      const app = `seatfold-storeloss-${randomUUID().slice(0, 8)}`;
      const store = await openStore({ databaseUrl: withApplicationName(databaseUrl, app), probeEveryMs: 50 });
      const killer = await connectionKiller(databaseUrl, app);
      const failures: unknown[] = [];
      let running = true;
      // Keep the pool busy so some terminations hit a checked-out client with a query in flight.
      const load = (async () => {
        while (running) {
          await Promise.all(Array.from({ length: 20 }, () => store.readStream(`nope-${app}`).catch((err: unknown) => void failures.push(err))));
        }
      })();
      try {
        let sawDegraded = false;
        const until = Date.now() + 30_000;
        while (!(sawDegraded && failures.some((f) => f instanceof StoreUnavailableError))) {
          if (Date.now() > until) throw new Error('no connection loss observed');
          await killer.terminate();
          await new Promise((r) => setTimeout(r, 20));
          sawDegraded ||= !store.health().ok;
        }
        expect(failures.every((f) => f instanceof StoreUnavailableError)).toBe(true);
        running = false;
        await load;
        await waitUntil(() => store.health().ok);
        expect(await store.streamVersion(`nope-${app}`)).toBe(0);
      } finally {
        running = false;
        await load;
        await killer.close();
        await store.close();
      }
    });

    it('says degraded while the database is down even when nobody asks anything, and ok once it is back', async () => {
      // Found by stopping a PostgreSQL cluster under an idle server: /api/health said ok for the whole outage, since
      // only a failed operation told the store; the pool's idle connections had each reported their loss.
      const db = await relay(new URL(databaseUrl));
      const app = `seatfold-idleloss-${randomUUID().slice(0, 8)}`;
      const store = await openStore({ databaseUrl: withApplicationName(db.url, app), probeEveryMs: 50 });
      try {
        await Promise.all(Array.from({ length: 4 }, (_, i) => store.streamVersion(`idle-${app}-${i}`)));
        expect(store.health().ok).toBe(true);
        db.cut();
        await waitUntil(() => !store.health().ok);
        expect(store.health()).toMatchObject({ ok: false, reason: expect.stringMatching(/database/) });
        db.restore();
        await waitUntil(() => store.health().ok);
        expect(await store.streamVersion(`idle-${app}-0`)).toBe(0);
      } finally {
        await store.close();
        await db.close();
      }
    });
  });
}
