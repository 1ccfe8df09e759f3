import { StoreUnavailableError } from '@seatfold/store';
import type { Admit, Handshake, Role } from '@seatfold/sync';
import type { Socket } from 'socket.io';
import { actorOf, isRefusal, type Gate } from './access.ts';

/**
 * The socket's authenticator (the hub's `admit`): the session cookie of the handshake says who, the join's token which
 * plan; the name the client sends is only a guest's display name, never an identity.
 */
export function makeAdmit(gate: Gate, log: (msg: string) => void): Admit {
  return async (join, handshake) => {
    try {
      const a = await gate.access(join.token, handshake.headers);
      if (isRefusal(a)) return { error: { code: a.code, message: a.message } };
      const person = await gate.guestName(a.person, join.userName);
      return { planId: a.plan.id, role: a.role, actor: actorOf(person) };
    } catch (err) {
      if (err instanceof StoreUnavailableError) return { error: { code: 'Unavailable', message: 'The plan cannot be opened right now: its database is unreachable. Seatfold retries by itself.', retryAfterMs: 2_000 } };
      log(`admit failed: ${(err as Error).stack ?? String(err)}`);
      return { error: { code: 'ServerError', message: 'The server could not open this plan. Please reload the page.' } };
    }
  };
}

/**
 * Which sockets were admitted as whom, so a revocation reaches them when the hub cannot (interim, until the hub's
 * setAccess): `track` wraps admit and records each admission by the socket its handshake belongs to.
 */
export function accessTracker() {
  const byHandshake = new WeakMap<Handshake, Socket>();
  const admitted = new Map<string, Set<Socket>>();
  const key = (planId: string, actorId: string) => `${planId}\n${actorId}`;
  return {
    socket(handshake: Handshake, socket: Socket) {
      byHandshake.set(handshake, socket);
    },
    track(admit: Admit): Admit {
      return async (join, handshake) => {
        const decided = await admit(join, handshake);
        const socket = byHandshake.get(handshake);
        if (!('error' in decided) && socket?.connected) {
          const k = key(decided.planId, decided.actor.id);
          const set = admitted.get(k) ?? admitted.set(k, new Set()).get(k)!;
          set.add(socket);
          socket.once('disconnect', () => {
            set.delete(socket);
            if (set.size === 0 && admitted.get(k) === set) admitted.delete(k);
          });
        }
        return decided;
      };
    },
    /** Tells the person's sockets on the plan why, and closes them. */
    close(planId: string, actorId: string, role: Role | null): number {
      const set = admitted.get(key(planId, actorId));
      if (!set) return 0;
      const message = role ? 'Your access to this plan was changed by its owner. Reload the page to go on.' : 'Your access to this plan was revoked by its owner.';
      for (const socket of [...set]) {
        socket.emit('protocol-error', { code: 'Forbidden', message });
        socket.disconnect(true);
      }
      return set.size;
    },
  };
}
