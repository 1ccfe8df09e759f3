import type { IncomingMessage } from 'node:http';

/** The address an HTTP request came from (its peer and X-Forwarded-For, as clientAddress reads them). */
export function requestAddress(req: IncomingMessage | undefined, trustedProxies: number): string {
  return clientAddress(req?.socket.remoteAddress, req?.headers['x-forwarded-for'], trustedProxies);
}

/**
 * The client's address, for the limits per address (plan creation, bodies arriving, sockets). Without a trusted
 * proxy it is the TCP peer. Behind `trustedProxies` reverse proxies (SEATFOLD_TRUST_PROXY), each of which appends the
 * address it received the request from to X-Forwarded-For, the client is the entry that many places from the right
 * of [...X-Forwarded-For, peer]; anything further left was written by the client and cannot be trusted.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const direct = peer ?? 'unknown';
  if (trustedProxies <= 0) return direct;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [
    ...header
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    direct,
  ];
  // Fewer entries than trusted proxies: the request did not come through all of them; the leftmost is the best guess.
  return chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? direct;
}
