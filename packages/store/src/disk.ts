import { statfs } from 'node:fs/promises';

/**
 * Room left for the database, read every few seconds: the free space on the disk that holds it, or what is left
 * under the size it may reach (`databaseMaxBytes`, for a database on another machine). When it runs short the store
 * refuses what writes (appends, new plans, images) as retryable, before the database runs out: PostgreSQL out of
 * room for its WAL stops for every plan until space is freed, and PGlite writes its files from inside this process.
 * Reads go on, and the changes refused stay pending in their browsers until there is room. The disk's reserve leaves
 * room for what is not refused (sign-ins, snapshots already begun, the database's own housekeeping).
 */
export interface DiskWatch {
  /** bytes left, at the last reading; null before the first or when it cannot be read */
  free(): number | null;
  /** whether the last reading was short of room */
  low(): boolean;
  /** epoch ms since which it has been low or not */
  since(): number;
  /** why writes are refused, for /api/health (while low) */
  reason(): string;
  stop(): void;
}

/** 128 MB: minutes of the heaviest writing one plan may do (the per-socket rates), and eight of PostgreSQL's WAL segments. */
export const DEFAULT_DISK_RESERVE_BYTES = 128 * 1024 * 1024;

interface WatchOptions {
  everyMs?: number;
  log?: (msg: string) => void;
}

/** Starts watching the disk that holds `dir`; null when it cannot be read from here (a database on another machine). */
export function watchDisk(
  dir: string,
  { reserve = DEFAULT_DISK_RESERVE_BYTES, ...o }: WatchOptions & { reserve?: number } = {},
): Promise<DiskWatch | null> {
  return watchRoom(
    async () => {
      const s = await statfs(dir);
      return s.bavail * s.bsize - reserve;
    },
    {
      ...o,
      low: (left) =>
        `disk almost full: ${mb(left + reserve)} MB free where the database is, under the ${mb(reserve)} MB reserve; changes are refused until room is made`,
      ok: (left) => `disk has room again (${mb(left + reserve)} MB free): changes are taken again`,
      reason: () => `The disk holding the database is almost full (under ${mb(reserve)} MB free): changes are refused until room is made.`,
    },
  );
}

/** Starts watching the database's size (`size`: pg_database_size) against the most it may hold. */
export function watchDatabaseSize(size: () => Promise<number>, max: number, o: WatchOptions = {}): Promise<DiskWatch | null> {
  return watchRoom(async () => max - (await size()), {
    ...o,
    low: (left) => `database at its size limit: ${mb(max - left)} MB of the ${mb(max)} MB it may hold; changes are refused until room is made`,
    ok: (left) => `database under its size limit again (${mb(max - left)} of ${mb(max)} MB): changes are taken again`,
    reason: () => `The database has reached the size it may hold (${mb(max)} MB): changes are refused until room is made.`,
  });
}

/** Low while either is. */
export function eitherWatch(a: DiskWatch | null, b: DiskWatch | null): DiskWatch | null {
  if (!a || !b) return a ?? b;
  const lowOne = () => (b.low() && !a.low() ? b : a);
  return {
    free: () => Math.min(a.free() ?? Infinity, b.free() ?? Infinity),
    low: () => a.low() || b.low(),
    since: () => (a.low() || b.low() ? lowOne().since() : Math.max(a.since(), b.since())),
    reason: () => lowOne().reason(),
    stop: () => (a.stop(), b.stop()),
  };
}

/** Reads `left` (bytes of room left; under 0: short) now and every `everyMs`; null when the first read fails. */
async function watchRoom(
  left: () => Promise<number>,
  // The sentences are made when needed: number formatting (toLocaleString) costs ~MBs of ICU data at its first use.
  o: WatchOptions & { low: (left: number) => string; ok: (left: number) => string; reason: () => string },
): Promise<DiskWatch | null> {
  let room: number | null;
  try {
    room = await left();
  } catch {
    return null;
  }
  let wasLow = false;
  let since = Date.now();
  const note = () => {
    const isLow = room !== null && room < 0;
    if (isLow !== wasLow) {
      since = Date.now();
      o.log?.(isLow ? o.low(room!) : o.ok(room!));
    }
    wasLow = isLow;
  };
  note();
  const timer = setInterval(() => {
    left().then(
      (bytes) => {
        room = bytes;
        note();
      },
      () => {
        room = null; // unreadable now (unmounted? the database away?): the database's own error says more than a guess
      },
    );
  }, o.everyMs ?? 5000);
  timer.unref?.();
  return {
    free: () => room,
    low: () => wasLow,
    since: () => since,
    reason: o.reason,
    stop: () => clearInterval(timer),
  };
}

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024)).toLocaleString('en');
