export type {
  AppendResult,
  BatchInfo,
  BatchPage,
  BatchRecord,
  CommandOutcome,
  CommandRecord,
  DomainErrorJson,
  EventMeta,
  EventStore,
  ImageRecord,
  PlanRecord,
  Role,
  StoredEvent,
  StoreOptions,
} from './types.ts';
export { DuplicateCommandError, PlanExistsError, VersionConflictError } from './errors.ts';
export { isConnectionError, StoreUnavailableError, type StoreHealth } from './health.ts';
export { openStore } from './open.ts';
