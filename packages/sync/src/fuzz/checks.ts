import { evolve, initialState, stateHash, type PlanEvent, type PlanState } from '@seatfold/domain';
import { violation } from '@seatfold/domain/testing';
import type { EventStore } from '@seatfold/store';
import type { ClientPlanState } from '../client-state.ts';
import type { CommandReply, WireEvent } from '../protocol.ts';

/**
 * The store's truth, folded as it grows: the state hash at every version, so a client's confirmed state can be
 * checked at whatever version it is (not only at the end), and the events, to check history pages against.
 */
export class Reference {
  private state: PlanState = initialState();
  private readonly hashes = new Map<number, string>([[0, stateHash(initialState())]]);
  readonly events: WireEvent[] = [];
  private readonly commands = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly planId: string,
  ) {}

  get version(): number {
    return this.state.version;
  }

  /** Folds what the store holds beyond what was folded; each new state must keep the domain's invariants. */
  async catchUp(): Promise<void> {
    const fresh = await this.store.readStream<PlanEvent>(this.planId, this.state.version);
    for (const e of fresh) {
      if (e.version !== this.state.version + 1) throw new Error(`the stored stream jumps from ${this.state.version} to ${e.version}`);
      // A command's events are one run: its id coming back after another command's events means it was applied twice.
      const last = this.events.at(-1)?.meta.commandId;
      if (e.meta.commandId !== last && this.commands.has(e.meta.commandId))
        throw new Error(`command ${e.meta.commandId} was applied twice (again at version ${e.version})`);
      this.commands.add(e.meta.commandId);
      evolve(this.state, e.event);
      const broken = violation(this.state);
      if (broken) throw new Error(`the stored events break an invariant at version ${e.version}: ${broken}`);
      this.hashes.set(e.version, stateHash(this.state));
      this.events.push({ version: e.version, event: e.event, meta: e.meta });
    }
  }

  hashAt(version: number): string | undefined {
    return this.hashes.get(version);
  }

  get hash(): string {
    return this.hashes.get(this.state.version)!;
  }
}

/** What must hold for one client after every step; the first problem found, or null. */
export function clientProblem(name: string, s: ClientPlanState, ref: Reference): string | null {
  const inView = violation(s.view);
  if (inView) return `${name}'s view breaks an invariant: ${inView}`;
  const inConfirmed = violation(s.confirmed);
  if (inConfirmed) return `${name}'s confirmed state breaks an invariant: ${inConfirmed}`;
  const expected = ref.hashAt(s.confirmed.version);
  if (expected === undefined) return `${name} confirmed version ${s.confirmed.version}, which the store does not hold (it is at ${ref.version})`;
  if (stateHash(s.confirmed) !== expected)
    return `${name}'s confirmed state at version ${s.confirmed.version} differs from the store's fold at that version`;
  const ids = s.pending.map((p) => p.commandId);
  if (new Set(ids).size !== ids.length) return `${name} holds a pending command twice: ${ids.join(', ')}`;
  return null;
}

/** How a reply is compared with a later reply for the same command id: the server answers it the same way each time. */
export function outcomeKey(reply: CommandReply): string {
  return reply.status === 'accepted' ? `accepted at ${reply.version}` : `rejected (${reply.error.code})`;
}

/**
 * The store after the run: a stream 1..n without holes; every command's events one run, exactly its stored range,
 * stored once; every acknowledged outcome a client saw is the stored one. Answers the problems found.
 */
export async function storeProblems(store: EventStore, planId: string, seen: ReadonlyMap<string, CommandReply>): Promise<string[]> {
  const problems: string[] = [];
  const events = await store.readStream<PlanEvent>(planId);
  events.forEach((e, i) => {
    if (e.version !== i + 1) problems.push(`stored event ${i + 1} has version ${e.version}`);
  });
  const runs = new Map<string, number[]>();
  for (const e of events) (runs.get(e.meta.commandId) ?? runs.set(e.meta.commandId, []).get(e.meta.commandId)!).push(e.version);
  const outcomes = await store.findCommandOutcomes(planId, [...new Set([...runs.keys(), ...seen.keys()])]);
  for (const [commandId, versions] of runs) {
    const o = outcomes.get(commandId);
    if (o?.status !== 'accepted') {
      problems.push(`${commandId} has events but its stored outcome is ${o?.status ?? 'missing'}`);
      continue;
    }
    const expected = Array.from({ length: o.eventCount }, (_, k) => o.firstVersion + k);
    if (versions.join() !== expected.join()) problems.push(`${commandId}: events at ${versions.join()} but its stored range is ${expected.join()}`);
  }
  for (const [commandId, reply] of seen) {
    const o = outcomes.get(commandId);
    if (reply.status === 'accepted') {
      if (o?.status !== 'accepted') problems.push(`${commandId} was acknowledged as accepted, but the store says ${o?.status ?? 'nothing'}`);
      else if (o.lastVersion !== reply.version) problems.push(`${commandId} was acknowledged at ${reply.version}, stored up to ${o.lastVersion}`);
    } else if (o?.status === 'accepted') {
      problems.push(`${commandId} was answered ${reply.error.code}, but the store accepted it`);
    }
  }
  return problems;
}

/** A history page must be exactly the store's events after `afterVersion`, in order, at most `limit` of them. */
export function historyProblem(page: { afterVersion: number; limit: number; events: WireEvent[]; version: number }, ref: Reference): string | null {
  const { afterVersion, limit, events, version } = page;
  if (events.length > limit) return `a history page of limit ${limit} held ${events.length} events`;
  if (version < afterVersion + events.length)
    return `a history page after ${afterVersion} held ${events.length} events but said the plan is at ${version}`;
  const expected = ref.events.slice(afterVersion, afterVersion + events.length);
  if (expected.length !== events.length || stateHash(events) !== stateHash(expected))
    return `the history page after ${afterVersion} differs from the stored events`;
  return null;
}
