import { sql, type RawBuilder } from 'kysely';

/**
 * Reads a timestamptz column as epoch milliseconds, computed in SQL as float8 so both pg and PGlite return a
 * JS number and no Date is parsed per row. Exact for millisecond timestamps (sub-millisecond parts are rounded).
 */
export function epochMs(column: string): RawBuilder<number> {
  return sql<number>`round(date_part('epoch', ${sql.ref(column)}) * 1000)`;
}

/** Epoch ms → timestamptz input accepted by both drivers. */
export function toTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}
