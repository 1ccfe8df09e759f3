import { StoreUnavailableError } from '@seatfold/store';
import type { Admit } from '@seatfold/sync';
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
      const person = await gate.guestName(a.person, join.userName, a.plan.id);
      return { planId: a.plan.id, planName: a.plan.name, role: a.role, actor: actorOf(person) };
    } catch (err) {
      if (err instanceof StoreUnavailableError)
        return {
          error: {
            code: 'Unavailable',
            message: 'The plan cannot be opened right now: its database is unreachable. Seatfold retries by itself.',
            retryAfterMs: 2_000,
          },
        };
      log(`admit failed: ${(err as Error).stack ?? String(err)}`);
      return { error: { code: 'ServerError', message: 'The server could not open this plan. Please reload the page.' } };
    }
  };
}
