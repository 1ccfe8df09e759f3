import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { requestAddress } from './address.ts';

/**
 * Connection limits of the Node server. The values let an honest 10 MB upload through a slow line: at 300 kbit/s
 * (a poor mobile uplink) 10 MB takes about 280 s, so a whole request may take 5 minutes; meanwhile a body that
 * stops arriving for 60 s is dropped, headers (a few kB) must arrive within 20 s, and idle keep-alive sockets
 * close after 10 s. At most `bodiesPerAddress` request bodies per client address may be arriving at once, so
 * slow-body clients cannot hold an unbounded number of connections.
 */
export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  bodyIdleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  bodiesPerAddress: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  bodyIdleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 10_000,
  bodiesPerAddress: 16,
};

/**
 * The Node HTTP server around the Hono app. Attach socket.io AFTER this: engine.io takes over the request
 * listener and hands only paths outside /socket.io/ to it, so exactly one of them answers each request.
 */
export function nodeServer(
  fetch: (req: Request, env: HttpBindings) => Response | Promise<Response>,
  limits: HttpLimits,
  log: (msg: string) => void,
  trustedProxies = 0,
): Server {
  const listener = getRequestListener((req, env) => fetch(req, env as HttpBindings));
  const bodies = new Map<string, number>();
  const server = createServer(
    // Node checks requestTimeout/headersTimeout on this interval; a tenth of the shorter one keeps them honest.
    { connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10)) },
    (req: IncomingMessage, res: ServerResponse) => {
      // Never answer twice: if anything else already did, this request is not ours.
      if (res.headersSent || res.writableEnded) return;
      if (hasBody(req) && !admitBody(req, res, bodies, limits.bodiesPerAddress, trustedProxies)) return;
      listener(req, res).catch((err: Error) => log(`HTTP listener failed: ${err.stack ?? err}`));
    },
  );
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Socket inactivity: a body (or a client) that sends nothing for this long is dropped. Upgraded websockets
  // are socket.io's (it pings them); Node removes its timeout handler on upgrade.
  server.timeout = limits.bodyIdleTimeoutMs;
  return server;
}

const hasBody = (req: IncomingMessage) =>
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;

function admitBody(req: IncomingMessage, res: ServerResponse, bodies: Map<string, number>, max: number, trustedProxies: number): boolean {
  const address = requestAddress(req, trustedProxies);
  const n = bodies.get(address) ?? 0;
  if (n >= max) {
    const retryAfterMs = 10_000;
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '10', connection: 'close' });
    res.end(
      JSON.stringify({
        error: 'Too many uploads from your address are still arriving. Please wait a few seconds and try again.',
        code: 'ServerBusy',
        retryAfterMs,
      }),
    );
    return false;
  }
  bodies.set(address, n + 1);
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    const left = (bodies.get(address) ?? 1) - 1;
    if (left <= 0) bodies.delete(address);
    else bodies.set(address, left);
  };
  req.once('end', release);
  req.once('close', release);
  res.once('close', release);
  return true;
}
