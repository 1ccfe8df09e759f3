import { StoreUnavailableError } from '@seatfold/store';
import { ServerFullError } from '@seatfold/sync/server';
import type { PlanStateReply } from '@seatfold/sync';
import { actorOf, isRefusal } from '../auth/access.ts';
import type { HttpDeps } from './env.ts';

/** The plan's state as `PlanStateReply` JSON for a session (its secret in hand), or null: see `planStateReader`. */
export type PlanStateReader = (token: string, secret: string | null, address: string) => Promise<Buffer | null>;

/**
 * The plan's committed state for the session request of a page opened at a plan link (`POST /api/session` with
 * `plan`): the page draws it before its socket has joined, and the join then asks only for what came after. The
 * state's JSON is the room's cached join snapshot, spliced into the answer as it is: never parsed or encoded again
 * per request. Null — the page then waits for its join, which says why — when the session may not open the plan,
 * when the address has used up its budget of whole states (`Limits.statesPerAddress`, shared with far-behind joins:
 * each costs a plan's load and half a megabyte), or when the plan cannot be loaded now.
 */
export function planStateReader(d: HttpDeps): PlanStateReader {
  return async (token, secret, address) => {
    if (d.hub.chargeState(address)) return null;
    try {
      const a = await d.gate.accessBySecret(token, secret);
      if (isRefusal(a)) return null;
      const { version, state } = await (await d.hub.room(a.plan.id, address)).encoded();
      d.hub.sentState(address, state.byteLength);
      const head: Omit<PlanStateReply, 'state'> = { planId: a.plan.id, planName: a.plan.name, role: a.role, you: actorOf(a.person), version };
      return jsonWith(head, 'state', state);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError) && !(err instanceof ServerFullError))
        d.log(`the plan's state for a session failed: ${(err as Error).stack ?? String(err)}`);
      return null;
    }
  };
}

/** `head` as JSON with one more member, `key`, whose value is JSON already encoded (spliced in, never parsed again). */
export function jsonWith(head: object, key: string, encoded: Uint8Array): Buffer<ArrayBuffer> {
  return Buffer.concat([Buffer.from(`${JSON.stringify(head).slice(0, -1)},${JSON.stringify(key)}:`), encoded, Buffer.from('}')]);
}
