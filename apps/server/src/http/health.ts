import type { EventStore } from '@seatfold/store';

/**
 * What GET /api/health answers: 200 { ok: true, status: 'ok' } while the database answers, 503
 * { ok: false, status: 'degraded', since, reason } after a lost connection until it is back (a load balancer or a
 * supervisor can watch it; the server keeps running and recovers by itself).
 */
export function healthReply(store: EventStore, openPlans: number): { status: 200 | 503; body: Record<string, unknown> } {
  const h = store.health();
  const common = { store: store.kind, openPlans, since: h.since };
  return h.ok
    ? { status: 200, body: { ok: true, status: 'ok', ...common } }
    : { status: 503, body: { ok: false, status: 'degraded', reason: h.reason, ...common } };
}
