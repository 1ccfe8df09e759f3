/** Public types of the event store. Events are opaque JSON objects with at least `{ type, v }`. */
import type { Kysely } from 'kysely';
import type { StoreHealth } from './health.ts';

export interface EventMeta {
  /** the actor's display name when the event was recorded */
  actor: string;
  /** the actor's stable id; null for events recorded before actors had ids */
  actorId: string | null;
  commandId: string;
  batchId: string | null;
  /** server time, epoch ms */
  at: number;
}

export interface StoredEvent<E = unknown> {
  planId: string;
  version: number;
  event: E;
  meta: EventMeta;
}

export interface DomainErrorJson {
  code: string;
  message: string;
}

/**
 * What a stored command produced. An accepted command owns the stream versions
 * firstVersion..lastVersion (inclusive). With eventCount 0 the range is empty:
 * firstVersion = lastVersion + 1, where lastVersion is the stream version the command left behind.
 */
export type CommandOutcome =
  { status: 'accepted'; firstVersion: number; lastVersion: number; eventCount: number } | { status: 'rejected'; error: DomainErrorJson };

export interface CommandRecord<E = unknown> {
  commandId: string;
  /** display name at the time */
  actor: string;
  /** stable id of the actor (null only for rows written before actors had ids) */
  actorId: string | null;
  batchId: string | null;
  /** server time, epoch ms */
  at: number;
  /** empty when rejected */
  events: E[];
  /** present iff the command was rejected */
  error?: DomainErrorJson;
}

/**
 * A batch: a group of commands applied together (an import, a table draw, a revert, an undo), with what a
 * reviewer needs to recognise it later. Stored in the same statement as its events.
 */
export interface BatchRecord {
  batchId: string;
  /** e.g. 'guest-import', 'table-draw', 'revert', 'undo', 'setup' */
  kind: string;
  /** display name at the time */
  actor: string;
  /** stable id of the actor; null for batches recorded before actors had ids */
  actorId: string | null;
  /** server time, epoch ms */
  at: number;
  /** one line for the batch list, e.g. "Guest import: guests.xlsx (312 new, 20 updated)" */
  label: string;
  fileName: string | null;
  /** sha-256 of the uploaded file, hex */
  fileHash: string | null;
  /** JSON summary (counts, conflicts) */
  summary: unknown;
  /** the batch this one reverts, if it is a revert */
  reverts: string | null;
}

export interface BatchPage {
  /** a batch id: list the batches before it (default: the newest) */
  before?: string;
  limit: number;
}

export interface BatchInfo extends BatchRecord {
  /** versions of its events; null when it produced none */
  firstVersion: number | null;
  lastVersion: number | null;
  eventCount: number;
}

export interface PlanRecord {
  id: string;
  name: string;
  organiseToken: string;
  reviewToken: string;
  /** epoch ms */
  createdAt: number;
}

export type Role = 'organise' | 'review';

/** What an append wrote. */
export interface AppendResult {
  /** the stream's version after it */
  version: number;
  outcomes: Map<string, CommandOutcome>;
  /**
   * about how many bytes it stored: the JSON of its rows plus a row's overhead each. What a writer is charged
   * against its storage budget (sync's Limits.storedBytesPerPlan), not an exact measure of the disk.
   */
  bytes: number;
}

export interface EventStore {
  readonly kind: 'postgres' | 'pglite';
  /**
   * Degraded (ok: false) after an operation failed for a lost database connection (it then threw
   * StoreUnavailableError); ok again after the next operation or background probe that reaches the database.
   */
  health(): StoreHealth;
  /** Throws PlanExistsError if the id or either token is already taken (by any plan, in either role). */
  createPlan(plan: PlanRecord): Promise<void>;
  findPlanByToken(token: string): Promise<{ plan: PlanRecord; role: Role } | null>;
  getPlan(planId: string): Promise<PlanRecord | null>;
  /** The plan's listed name follows its renames (the events stay the record; this is what lists and links show). */
  setPlanName(planId: string, name: string): Promise<void>;
  /**
   * Atomically appends the events of all records with consecutive versions expectedVersion+1..., and stores a
   * row for every command (accepted and rejected) so a resent command id can be answered from the store.
   * Throws VersionConflictError if the stream is not at expectedVersion (also when a concurrent writer wins),
   * DuplicateCommandError if a command id is already stored for this plan (or repeated within `records`).
   * Nothing is written when it throws.
   */
  append<E>(
    planId: string,
    expectedVersion: number,
    records: CommandRecord<E>[],
    /** recorded in the same statement; its events are those of `records` */
    batch?: BatchRecord,
    /**
     * ordered: an append sent while the previous one of the same plan is still committing waits for it instead of
     * conflicting (a pipelining writer sets it on every append): the store sends the plan's ordered appends in the
     * order they were made (on PostgreSQL on one connection), and those of more than one event or command also take
     * the plan's append lock, which orders them against another store's too.
     */
    options?: { ordered?: boolean },
  ): Promise<AppendResult>;
  /**
   * The plan's batches, oldest first: all, or a page — the newest `limit` batches listed before the batch `before`.
   * A summary that is not JSON or larger than 64 kB reads as null.
   */
  listBatches(planId: string, page?: BatchPage): Promise<BatchInfo[]>;
  /** One batch's record (no events), or null. */
  batchInfo(planId: string, batchId: string): Promise<BatchInfo | null>;
  /** One batch and its events, or null. */
  readBatch<E = unknown>(planId: string, batchId: string): Promise<{ batch: BatchInfo; events: StoredEvent<E>[] } | null>;
  /** Events with version > afterVersion (default 0), ordered, at most `limit` (default: all). */
  readStream<E = unknown>(planId: string, afterVersion?: number, limit?: number): Promise<StoredEvent<E>[]>;
  /** 0 for an empty or unknown stream. */
  streamVersion(planId: string): Promise<number>;
  /** Outcomes of the stored commands among `commandIds`; unknown ids are absent from the map. */
  findCommandOutcomes(planId: string, commandIds: string[]): Promise<Map<string, CommandOutcome>>;
  /**
   * Saving the same (planId, version, evolveVersion) again overwrites the state. The state is serialised before the
   * call returns: the caller may go on changing it at once (the room saves its live state without a copy).
   */
  saveSnapshot(planId: string, version: number, evolveVersion: number, state: unknown): Promise<void>;
  /** Latest snapshot of this plan whose evolveVersion matches (others are ignored), or null. */
  loadSnapshot<S = unknown>(planId: string, evolveVersion: number): Promise<{ version: number; state: S } | null>;
  /**
   * Stores an image of a plan under its sha-256 (`imageId`), unless the plan already holds it ('exists') or
   * storing it would take the plan past `limits` ('full'; nothing is written). One statement: two uploads at
   * once cannot both slip under the limit.
   */
  saveImage(planId: string, image: ImageRecord, limits: { maxImages: number; maxBytes: number }): Promise<'stored' | 'exists' | 'full'>;
  /** One image of a plan, or null. */
  loadImage(planId: string, imageId: string): Promise<ImageRecord | null>;
  close(): Promise<void>;
  /**
   * The store's own database connection, for a module that keeps its own tables (and migrations) beside the event
   * store on the same database — the server's auth tables. Absent on wrapped test stores.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller brings its own table types
  connection?(): Kysely<any>;
}

/** An image as stored: its bytes, their sha-256 (hex), the type read from them, and its size in pixels. */
export interface ImageRecord {
  imageId: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface StoreOptions {
  /** PostgreSQL connection string; when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database. Used when databaseUrl is not set. */
  dataDir?: string;
  /** PGlite only: start from this dumped data directory (`dumpDataDir`) instead of an empty one (tests' template). */
  loadDataDir?: Blob;
  log?: (msg: string) => void;
  /** while degraded, probe the database this often (ms; default 2000) */
  probeEveryMs?: number;
  /**
   * free bytes kept in reserve on the database's disk: below it, writes are refused as retryable (disk.ts; default
   * 128 MB, 0: not watched). Watched where the data directory can be read from here: PGlite's, or PostgreSQL's on
   * this machine when the server's role may read the data_directory setting.
   */
  diskReserveBytes?: number;
  /**
   * the most the database may hold (pg_database_size, bytes; default 0: no limit): at it, writes are refused as
   * under the disk's reserve. For a database whose disk this server cannot watch (on another machine, a managed
   * service), or a share of one disk that must not grow past its part.
   */
  databaseMaxBytes?: number;
  /** read the free space (and the database's size) this often (ms; default 5000) */
  diskCheckEveryMs?: number;
  /**
   * PostgreSQL only: how long one statement may take (ms; default 8000, 0: no limit). Past it PostgreSQL cancels the
   * statement (stuck behind a lock, an overloaded server) and the operation is refused as retryable; the client
   * gives up `answerGraceMs` later still (default 2000) when the database does not answer at all (frozen, or the
   * network to it gone silent) and ends that connection. Migrations are not limited.
   */
  statementTimeoutMs?: number;
  answerGraceMs?: number;
}
