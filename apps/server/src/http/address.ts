import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

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
  if (trustedProxies <= 0) return limitKey(direct);
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const chain = [
    ...header
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean),
    direct,
  ];
  // Fewer entries than trusted proxies: the request did not come through all of them; the leftmost is the best guess.
  return limitKey(chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? direct);
}

/**
 * What the limits per address count: an IPv4 address as it is (an IPv4-mapped IPv6 one too: a dual-stack listener
 * sees "::ffff:203.0.113.7"), an IPv6 address by its /64 network — one home, office or rented server is given a whole
 * /64, and counted per address it could pick a fresh one for every request and never meet a limit. Anything else (a
 * proxy's odd entry) as written, cut to 100 characters.
 */
export function limitKey(address: string): string {
  const bare = address.replace(/%.*$/, ''); // a zone ("fe80::1%eth0") names the interface, not the peer
  if (!ipaddr.isValid(bare)) return address.slice(0, 100);
  const ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv4') return ip.toString();
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/64`);
  return `${network.toString()}/64`;
}
