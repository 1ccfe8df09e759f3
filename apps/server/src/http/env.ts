import type { HttpBindings } from '@hono/node-server';
import type { EventStore } from '@seatfold/store';
import type { SyncHub } from '@seatfold/sync/server';
import type { Gate } from '../auth/access.ts';

/** What the HTTP routes work with. */
export interface HttpDeps {
  store: EventStore;
  hub: SyncHub;
  staticDir: string | null;
  demo: boolean;
  log: (msg: string) => void;
  /** who is asking: the session cookie and the link's token (auth/) */
  gate: Gate;
  /** reverse proxies in front of the server whose X-Forwarded-For is trusted (SEATFOLD_TRUST_PROXY) */
  trustedProxies?: number;
}

/** Hono's environment: the Node request and response (for streamed uploads and the client's address). */
export type HttpEnv = { Bindings: HttpBindings };
