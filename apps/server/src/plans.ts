import { randomBytes } from 'node:crypto';
import { demoPlanCommands, type Command } from '@seatfold/domain';
import type { EventStore, PlanRecord } from '@seatfold/store';
import { SYSTEM_ACTOR } from '@seatfold/sync';
import { storeErrorOf, type SyncHub } from '@seatfold/sync/server';
import type { Person } from './auth/model.ts';
import type { AuthStore } from './auth/store.ts';

export const DEMO_PLAN_ID = 'demo';

const secret = () => randomBytes(18).toString('base64url');

export interface PlanLinks {
  planId: string;
  name: string;
  organisePath: string;
  reviewPath: string;
}

export const linksOf = (p: PlanRecord): PlanLinks => ({
  planId: p.id,
  name: p.name,
  organisePath: `/p/${p.organiseToken}`,
  reviewPath: `/p/${p.reviewToken}`,
});

/** Creates a plan with two secret share links and applies its first commands as one atomic batch, as the system actor. */
export async function createPlan(
  store: EventStore,
  hub: SyncHub,
  name: string,
  opts: { id?: string; commands?: Command[] } = {},
): Promise<PlanLinks> {
  const plan: PlanRecord = { id: opts.id ?? `plan-${secret()}`, name, organiseToken: secret(), reviewToken: secret(), createdAt: Date.now() };
  await store.createPlan(plan);
  const room = await hub.room(plan.id);
  const commands = opts.commands ?? [{ type: 'createPlan', name }];
  // One atomic batch: a plan exists with all of its set-up or not at all, and the batch list shows it as one entry.
  const setup = `${plan.id}-setup`;
  const reply = await room.submitBatch({
    commandId: setup,
    batchId: setup,
    actor: SYSTEM_ACTOR,
    resent: false,
    kind: 'setup',
    label: 'Plan set up',
    fileName: null,
    fileHash: null,
    summary: null,
    reverts: null,
    build: () => ({ commands }),
  });
  // The database lost (or full) after the plan's row was stored: the same retryable refusal as any write (503). The
  // row stays without events, nobody's: its links were never given out.
  if (reply.status === 'rejected') throw storeErrorOf(reply.error) ?? new Error(`setting up plan ${plan.id} failed: ${reply.error.message}`);
  return linksOf(plan);
}

/** The demo plan exists once per database; created on first start. */
export async function ensureDemoPlan(store: EventStore, hub: SyncHub): Promise<PlanLinks> {
  const existing = await store.getPlan(DEMO_PLAN_ID);
  if (existing) return linksOf(existing);
  const commands = demoPlanCommands();
  const first = commands[0]!;
  const name = first.type === 'createPlan' ? first.name : 'Demo';
  return createPlan(store, hub, name, { id: DEMO_PLAN_ID, commands });
}

/**
 * A plan made by a person (POST /api/plans): they become its owner, and its links open it to its members only —
 * the owner invites people, or switches an open link on. (Plans made before members existed keep open links.)
 */
export async function createOwnedPlan(store: EventStore, hub: SyncHub, auth: AuthStore, name: string, owner: Person): Promise<PlanLinks> {
  const links = await createPlan(store, hub, name);
  // Until this is stored nobody has the plan's links (they are in this answer only), so it is no one's yet.
  await auth.makeOwned(links.planId, owner.id);
  return links;
}
