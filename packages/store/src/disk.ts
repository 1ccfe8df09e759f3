import { statfs } from 'node:fs/promises';

/**
 * Free space on the disk that holds the database, read every few seconds. Below the reserve the store refuses
 * what writes (appends, new plans, images) as retryable, before the database runs out: PostgreSQL out of room for its
 * WAL stops for every plan until space is freed, and PGlite writes its files from inside this process. Reads go on,
 * and the changes refused stay pending in their browsers until there is room. The reserve leaves room for what is
 * not refused (sign-ins, snapshots already begun, the database's own housekeeping).
 */
export interface DiskWatch {
  /** bytes free for the database's user, at the last reading; null before the first or when it cannot be read */
  free(): number | null;
  /** whether the last reading was under the reserve */
  low(): boolean;
  /** epoch ms since which it has been low or not */
  since(): number;
  /** the reserve in bytes */
  readonly reserve: number;
  stop(): void;
}

/** 128 MB: minutes of the heaviest writing one plan may do (the per-socket rates), and eight of PostgreSQL's WAL segments. */
export const DEFAULT_DISK_RESERVE_BYTES = 128 * 1024 * 1024;

/** Starts watching the disk that holds `dir`; null when it cannot be read from here (a database on another machine). */
export async function watchDisk(
  dir: string,
  { reserve = DEFAULT_DISK_RESERVE_BYTES, everyMs = 5000, log }: { reserve?: number; everyMs?: number; log?: (msg: string) => void } = {},
): Promise<DiskWatch | null> {
  const read = async () => {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  };
  let free: number | null;
  try {
    free = await read();
  } catch {
    return null;
  }
  let wasLow = false;
  let since = Date.now();
  const note = () => {
    const isLow = free !== null && free < reserve;
    if (isLow !== wasLow) {
      since = Date.now();
      log?.(
        isLow
          ? `disk almost full: ${mb(free!)} MB free where the database is, under the ${mb(reserve)} MB reserve; changes are refused until room is made`
          : `disk has room again (${mb(free!)} MB free): changes are taken again`,
      );
    }
    wasLow = isLow;
  };
  note();
  const timer = setInterval(() => {
    read().then(
      (bytes) => {
        free = bytes;
        note();
      },
      () => {
        free = null; // unreadable now (unmounted?): the database's own error says more than a guess
      },
    );
  }, everyMs);
  timer.unref?.();
  return {
    free: () => free,
    low: () => wasLow,
    since: () => since,
    reserve,
    stop: () => clearInterval(timer),
  };
}

const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024)).toLocaleString('en');
