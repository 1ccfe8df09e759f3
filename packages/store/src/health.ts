/**
 * Connection health of the store. A query that fails because the database connection is gone (a restart, a
 * terminated backend, a refused or reset socket) becomes a typed StoreUnavailableError and marks the store degraded;
 * the next successful query marks it healthy again. While degraded, a cheap probe runs every few seconds so the store
 * recovers without traffic. Every other error (a constraint, a refused value, a bug) passes through unchanged.
 */

/**
 * Why the store cannot take an operation now: the database cannot be reached, or it has no room left on its disk
 * (PostgreSQL said disk_full, or the disk it is on has less free than the store keeps in reserve: disk.ts).
 */
export type Unavailability = 'unreachable' | 'no-space';

/** The database can't be reached right now; the operation may be retried later. Nothing about its outcome is known. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    override readonly cause?: unknown,
    readonly why: Unavailability = 'unreachable',
  ) {
    super(why === 'no-space' ? 'The database has no room left to store changes.' : 'The database is unreachable right now.');
  }
}

/**
 * SQLSTATE class 53, insufficient resources: the database answered, but cannot take the operation now (53100
 * disk_full, 53200 out_of_memory, 53000). Retryable like a lost connection — nothing was stored — without marking
 * the connection lost: it is fine, and a probe would find it so. (53300, too many connections, is a connection error.)
 * So is 57014, a statement cancelled: it ran past the store's statement limit (stuck behind a lock, or the database
 * overloaded; open.ts), and was rolled back.
 */
const RESOURCE_SQLSTATES = new Set(['53000', '53100', '53200', '57014']);
function resourceShortage(err: unknown): StoreUnavailableError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !RESOURCE_SQLSTATES.has(code)) return null;
  return new StoreUnavailableError(err, code === '53100' ? 'no-space' : 'unreachable');
}

export interface StoreHealth {
  ok: boolean;
  /** epoch ms since which the store has been in this state */
  since: number;
  /** why it is degraded (a sentence, never library text); null when ok */
  reason: string | null;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** admin_shutdown, crash_shutdown, cannot_connect_now; class 08 is "connection exception"; 53300 too_many_connections */
const CONNECTION_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGES = [
  'connection terminated',
  'terminating connection',
  'connection ended',
  'client has encountered a connection error',
  'cannot use a pool after calling end',
  'timeout exceeded when trying to connect',
  'not queryable',
  // no answer within the store's limit, and the connection it was on, ended for it (open.ts)
  'query read timeout',
  'no answer in time',
];

/** True when `err` says the connection to the database failed (not the statement). */
export function isConnectionError(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || CONNECTION_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const text = typeof message === 'string' ? message.toLowerCase() : '';
  return CONNECTION_MESSAGES.some((m) => text.includes(m));
}

export interface HealthTracker {
  health(): StoreHealth;
  /** runs `op`; a connection failure degrades the store and is rethrown as StoreUnavailableError */
  guard: <T>(op: () => Promise<T>) => Promise<T>;
  stop(): void;
}

export function trackHealth(
  probe: () => Promise<unknown>,
  opts: { probeEveryMs?: number; log?: (msg: string) => void; now?: () => number } = {},
): HealthTracker {
  const now = opts.now ?? Date.now;
  const every = opts.probeEveryMs ?? 2000;
  let state: StoreHealth = { ok: true, since: now(), reason: null };
  let timer: ReturnType<typeof setInterval> | null = null;
  let stopped = false;

  const healthy = () => {
    if (state.ok) return;
    state = { ok: true, since: now(), reason: null };
    opts.log?.('database connection restored');
    if (timer) clearInterval(timer);
    timer = null;
  };
  const degraded = (err: unknown) => {
    if (!state.ok) return;
    state = { ok: false, since: now(), reason: 'The database connection was lost; the server is reconnecting.' };
    opts.log?.(`database connection lost: ${(err as Error)?.message ?? err}`);
    if (stopped || timer) return;
    timer = setInterval(() => {
      void guard(probe).catch(() => undefined);
    }, every);
    timer.unref?.();
  };
  const guard = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      const result = await op();
      healthy();
      return result;
    } catch (err) {
      const short = resourceShortage(err);
      if (short) {
        healthy();
        throw short;
      }
      if (!isConnectionError(err)) {
        // A SQLSTATE means the database answered, even if it said no; a local error (a bad argument) says nothing.
        const code = (err as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) healthy();
        throw err;
      }
      degraded(err);
      throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
    }
  };
  return {
    health: () => ({ ...state }),
    guard,
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
