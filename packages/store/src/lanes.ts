import type pg from 'pg';
import type { RunStatement, Statement } from './append.ts';

/**
 * Runs append statements on a pool, those of an ordered writer (`Statement.lane`: its plan) in the order they were
 * sent. A pipelining room sends its next group's append before the previous one has committed; the plan's advisory
 * lock (APPEND_ORDERED) serialises them at the database, but only in the order they *take* the lock. On two pooled
 * connections the second append could reach PostgreSQL first, find the head the first has not written yet and fail
 * as a version conflict — and every such conflict makes the room rebuild its state from the store. (Measured: with
 * pipeline 2 on two connections the room spent its time reloading, 0.5× the rate of pipeline 1; docs/performance.md.)
 *
 * So one plan's ordered appends share one connection while any of them is in flight: pg sends a connection's queries
 * in the order they were made, PostgreSQL runs them in that order, and the next append starts at the database the
 * moment the previous one has committed, without waiting for the server to read the answer. When the last one has
 * answered the connection goes back to the pool, so a plan holds a connection only while it is appending, as before
 * (and one where it held one per append in flight). The lock stays: it keeps the order even where this does not (a
 * second server on the same plan, or PGlite).
 *
 * A lane whose connection failed a query is given back as broken (pg-pool then closes it, as its own `query` does).
 */
export function laneRunner(pool: pg.Pool): RunStatement {
  const lanes = new Map<string, Lane>();
  return async (s: Statement) => {
    const query = { name: s.name, text: s.text, values: s.values };
    if (s.lane === undefined) return (await pool.query<{ head: number }>(query)).rows;
    let lane = lanes.get(s.lane);
    if (!lane) {
      lane = { client: pool.connect(), inFlight: 0, error: undefined };
      // A failed connect rejects every append waiting on this lane; it is never unhandled here.
      lane.client.catch(() => {});
      lanes.set(s.lane, lane);
    }
    lane.inFlight++;
    try {
      // Appends waiting on the same connect resume in the order they were sent, so they are queued on it in that order.
      const client = await lane.client;
      return (await client.query<{ head: number }>(query)).rows;
    } catch (err) {
      lane.error ??= err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      if (--lane.inFlight === 0) {
        if (lanes.get(s.lane) === lane) lanes.delete(s.lane);
        void lane.client.then(
          (client) => client.release(lane.error),
          () => {},
        );
      }
    }
  };
}

interface Lane {
  client: Promise<pg.PoolClient>;
  inFlight: number;
  /** the first error a query on this lane met: the connection is given back broken */
  error: Error | undefined;
}
