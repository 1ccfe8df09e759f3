import { describe, expect, it } from 'vitest';
import type { Ghost, GhostMessage } from '../protocol.ts';
import { GhostRelay } from './ghosts.ts';

describe('GhostRelay budgets', () => {
  const ghost = (x: number, n = 200): Ghost => ({
    roomId: 'hall',
    items: Array.from({ length: n }, (_, i) => ({ kind: 'table' as const, id: `p${i}`, x, y: 2, rotation: 0 })),
  });

  it('relays within the plan’s bytes a second (each recipient’s copy counted), drops the rest, and always sends a ghost’s end', () => {
    let now = 1_000;
    const relay = new GhostRelay(() => now, {
      ghostBytesPerPlan: { perSecond: 100_000, burst: 100_000 },
      ghostBytesServer: { perSecond: 1e12, burst: 1e12 },
    });
    const got = new Map<string, GhostMessage[]>();
    const join = (planId: string, id: string) => {
      const session = { id };
      got.set(id, []);
      relay.online(planId, session, { send: (_e, m) => got.get(id)!.push(m) }, { clientId: id, userName: id, actorId: id, role: 'organise' });
      return session;
    };
    const senders = Array.from({ length: 10 }, (_, i) => join('big', `s${i}`));
    const watcher = join('big', 'w');
    const elsewhere = [join('other', 'o1'), join('other', 'o2')];
    const size = JSON.stringify({ clientId: 's0', userName: 's0', ghost: ghost(0) }).length;
    // 10 senders, 30 ghosts each in one second (each socket's own rate): 300 ghosts of ~12 kB to 10 others each
    for (let tick = 0; tick < 30; tick++) {
      now += 1000 / 30;
      for (const s of senders) relay.relay(s, ghost(tick));
    }
    const relayed = got.get('w')!.length;
    const budget = 100_000 + 100_000; // the burst, and one second's refill
    expect(relayed).toBeGreaterThan(0);
    expect(relayed * size * 10).toBeLessThanOrEqual(budget + size * 10);
    // the other plan has its own budget
    relay.relay(elsewhere[0]!, ghost(1));
    expect(got.get('o2')).toHaveLength(1);
    // a sender that leaves while shown: its end reaches the others whatever the budget
    const shown = senders.find((s) => got.get('w')!.some((m) => m.clientId === s.id))!;
    relay.online('big', shown, undefined, null);
    expect(got.get('w')!.at(-1)).toEqual({ clientId: shown.id, userName: shown.id, ghost: null });
    void watcher;
  });

  it('holds every plan to the server’s bytes a second too', () => {
    let now = 1_000;
    const relay = new GhostRelay(() => now, {
      ghostBytesPerPlan: { perSecond: 1e12, burst: 1e12 },
      ghostBytesServer: { perSecond: 50_000, burst: 50_000 },
    });
    const received: number[] = [];
    const senders = Array.from({ length: 20 }, (_, i) => {
      const session = { i };
      relay.online(`p${i}`, session, { send: () => {} }, { clientId: `a${i}`, userName: 'a', actorId: null, role: 'organise' });
      relay.online(`p${i}`, { w: i }, { send: () => received.push(i) }, { clientId: `w${i}`, userName: 'w', actorId: null, role: 'review' });
      return session;
    });
    for (const s of senders) relay.relay(s, ghost(1));
    const size = JSON.stringify({ clientId: 'a10', userName: 'a', ghost: ghost(1) }).length;
    expect(received.length).toBe(Math.floor(50_000 / size));
    now += 1000;
    for (const s of senders) relay.relay(s, ghost(2));
    expect(received.length).toBe(2 * Math.floor(50_000 / size));
  });
});
