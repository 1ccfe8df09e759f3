import type { ColumnType } from 'kysely';

/**
 * Kysely table types. Times are written as ISO strings (or Date) and read back as epoch ms via `epochMs()`;
 * jsonb columns are written as JSON text (both drivers pass strings through unchanged) and read as parsed values.
 */
type Timestamp = ColumnType<Date, string, never>;
type Jsonb = ColumnType<unknown, string, string>;

export interface PlansTable {
  id: string;
  name: string;
  organise_token: string;
  review_token: string;
  created_at: Timestamp;
}

export interface EventsTable {
  plan_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: Jsonb;
  actor: string;
  actor_id: ColumnType<string | null, string | null | undefined, never>;
  command_id: string;
  batch_id: string | null;
  recorded_at: Timestamp;
  tx_id: ColumnType<string, never, never>;
}

export interface CommandsTable {
  plan_id: string;
  command_id: string;
  actor: string;
  actor_id: ColumnType<string | null, string | null | undefined, never>;
  status: 'accepted' | 'rejected';
  first_version: number | null;
  last_version: number | null;
  event_count: number;
  error: ColumnType<unknown, string | null, never>;
  recorded_at: Timestamp;
}

export interface SnapshotsTable {
  plan_id: string;
  version: number;
  evolve_version: number;
  /** the state as JSON text (migration 0009; jsonb before) */
  state: string;
  created_at: Timestamp;
}

export interface BatchesTable {
  plan_id: string;
  batch_id: string;
  kind: string;
  actor: string;
  actor_id: ColumnType<string | null, string | null | undefined, never>;
  label: string;
  file_name: string | null;
  file_hash: string | null;
  summary: Jsonb;
  reverts: string | null;
  first_version: number | null;
  last_version: number | null;
  event_count: number;
  recorded_at: Timestamp;
}

export interface ImagesTable {
  plan_id: string;
  /** sha-256 of the bytes, lower-case hex */
  image_id: string;
  content_type: string;
  width: number;
  height: number;
  size: number;
  bytes: Uint8Array;
  created_at: Timestamp;
}

export interface Database {
  plans: PlansTable;
  events: EventsTable;
  commands: CommandsTable;
  snapshots: SnapshotsTable;
  batches: BatchesTable;
  images: ImagesTable;
}
