import type { HttpBindings } from '@hono/node-server';
import type { EventStore } from '@seatfold/store';
import type { SyncHub } from '@seatfold/sync/server';

/** What the HTTP routes work with. */
export interface HttpDeps {
  store: EventStore;
  hub: SyncHub;
  staticDir: string | null;
  demo: boolean;
  log: (msg: string) => void;
}

/** Hono's environment: the Node request and response (for streamed uploads and the client's address). */
export type HttpEnv = { Bindings: HttpBindings };
