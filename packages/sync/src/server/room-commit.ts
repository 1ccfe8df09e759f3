import { decide, evolve, type PlanEvent } from '@seatfold/domain';
import { DuplicateCommandError, StoreUnavailableError, VersionConflictError, type AppendResult, type CommandRecord } from '@seatfold/store';
import type { ReplyError, WireEvent } from '../protocol.ts';
import { bothMeters } from './buckets.ts';
import { decideBusy, storedBusy } from './limits.ts';
import { NO_LONGER_ALLOWED, NOT_SAVED, refuse, reply, resentAll, RoomCore, unavailable, UNPROCESSABLE, type Waiting } from './room-core.ts';

/** A group decided on the state: what its append expects and writes, and whom it answers. */
interface Decided {
  before: number;
  records: CommandRecord<PlanEvent>[];
  fresh: Waiting[];
  answered: Waiting[];
  /** the group's commands left undecided (decideGroup's slice was over): queued again */
  rest: Waiting[];
}

/** A decided group whose append has been sent (null: nothing to append). */
interface InFlight {
  group: Waiting[];
  d: Decided;
  append: Promise<AppendResult | null>;
  /** the append has answered (either way); `done` resolves then and never rejects */
  settled: boolean;
  done: Promise<void>;
}

/** A group may be sent while others are in flight unless it needs the store's word first or names one of theirs. */
function launchable(group: Waiting[], flight: InFlight[]): boolean {
  if (group.some((w) => w.resent)) return false;
  const ids = new Set(group.map((w) => w.commandId));
  return !flight.some((f) => f.group.some((w) => ids.has(w.commandId)));
}

/**
 * Group commit, optionally pipelined: the room's queue drained group by group, each group decided on the state and
 * appended in one statement, then published and answered; failures recovered without letting one command drag
 * the others down (see PlanRoom for the guarantees).
 */
export abstract class GroupCommit extends RoomCore {
  protected queue: Waiting[] = [];
  protected drainScheduled = false;
  /** set while a drain waits on an append in flight with nothing queued: a new command wakes it */
  protected wake: (() => void) | null = null;

  /**
   * Commits the queue group by group, pipelined: while one group's append is in flight, the next group is decided
   * (on the state that assumes the first) and its append sent, so the database commits back to back instead of
   * waiting for the server between commits. Groups land — outcomes remembered, events published, commands
   * answered — strictly in order. PostgreSQL keeps the appends in that order (seatfold_append takes a per-plan
   * lock and checks the head after it); PGlite runs them one after another anyway.
   *
   * The state is speculative while appends are in flight: nobody else reads it (every other operation waits on the
   * serial chain until the pipeline is empty), no snapshot is taken from it, and when an append fails the appends
   * launched after it are let settle, the state is rebuilt from the store, the failed group goes through the
   * sequential recovery (split, retry, refuse) and the later groups are decided again as resent commands — the
   * store answers those that did land (a commit whose answer was lost) with their original outcome.
   */
  protected async drain() {
    this.drainScheduled = false;
    const flight: InFlight[] = [];
    while (this.queue.length > 0 || flight.length > 0) {
      const next = this.queue.slice(0, this.o.maxGroup);
      // Behind a commit in flight, a group is sent once it holds at least half as many commands as the one before
      // it: sending every lone arrival at once would cut the stream into small commits, each paying a full commit.
      const enough = flight.length > 0 && next.length >= Math.ceil(flight[flight.length - 1]!.group.length / 2);
      const mayJoin = next.length > 0 && flight.length > 0 && !this.stale && flight.length < this.o.pipeline && launchable(next, flight);
      const launch = next.length > 0 && (flight.length === 0 || (mayJoin && enough));
      if (!launch) {
        if (flight[0]!.settled || (next.length > 0 && !mayJoin)) {
          await this.land(flight);
          continue;
        }
        // The oldest append still in flight and too little queued to send behind it: wake for whichever comes
        // first, its answer or another command.
        await Promise.race([flight[0]!.done, new Promise<void>((resolve) => (this.wake = resolve))]);
        this.wake = null;
        continue;
      }
      const group = this.queue.splice(0, this.o.maxGroup);
      await this.guarded(group, async () => {
        if (flight.length === 0) {
          await this.ensureFresh();
          // Resent commands need the store's word before anything is decided: the sequential path asks it.
          if (group.some((w) => w.resent)) return this.commitGroup(group, 0, new Map());
        }
        // A group is decided for at most a slice of the thread; what is left waits for the next group, other plans'
        // work running in between (a command can cost ms in a big plan).
        const d = this.decideGroup(group, new Map(), this.o.decideSliceMs);
        if ('threw' in d) {
          // The state is half-changed by the throwing command: land what is in flight (it does not read the
          // state), then rebuild and decide the group again with that command refused.
          this.stale = true;
          while (flight.length > 0) await this.land(flight);
          await this.reload();
          return this.commitGroup(resentAll(group), 0, new Map([[d.threw, UNPROCESSABLE]]));
        }
        if (d.rest.length > 0) this.queue.unshift(...group.splice(group.length - d.rest.length));
        const append = d.records.length > 0 ? this.o.store.append(this.planId, d.before, d.records, undefined, this.ordered) : Promise.resolve(null);
        const f: InFlight = { group, d, append, settled: false, done: Promise.resolve() };
        // (also keeps a rejection from being unhandled until the group lands)
        f.done = append.then(
          () => void (f.settled = true),
          () => void (f.settled = true),
        );
        flight.push(f);
      });
    }
  }

  /** Lands the oldest group in flight; on a failed append, recovers it and every group launched after it. */
  protected async land(flight: InFlight[]): Promise<void> {
    const f = flight.shift()!;
    let result: AppendResult | null;
    try {
      result = await f.append;
    } catch (err) {
      const rest = flight.splice(0);
      // They were decided on a state that assumed this group: each conflicts on the head (or, if this group did
      // commit and only its answer was lost, lands). Let them settle, then redo everything from the store.
      await Promise.allSettled(rest.map((r) => r.append));
      this.stale = true;
      await this.guarded(f.group, () => this.recover(err, f.group, f.d.fresh, 0, new Map()));
      for (const r of rest) {
        await this.guarded(r.group, async () => {
          await this.ensureFresh();
          await this.commitGroup(resentAll(r.group), 0, new Map());
        });
      }
      return;
    }
    this.finish(f.d, result);
    if (flight.length === 0) this.maybeSnapshot(); // after the acks: a snapshot copies the whole state
  }

  /** Runs one group's step; whatever it throws (a lost database, a bug) answers the group's unanswered commands. */
  protected async guarded(group: Waiting[], task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (err) {
      // Rebuild before the next step, and answer whoever is still waiting (an answered promise ignores a second
      // answer). A lost database is retryable: the client resends, the store says if it landed.
      this.stale = true;
      const retryable = err instanceof StoreUnavailableError ? unavailable(err) : null;
      if (!retryable) this.o.log?.(`plan ${this.planId}: commit failed: ${(err as Error).stack ?? String(err)}`);
      for (const w of group) w.resolve(refuse(w.commandId, retryable ?? NOT_SAVED));
    }
  }

  /**
   * Decides, appends, publishes and answers one group, with nothing else in flight. `poisoned`: commands already
   * known to break the server, recorded as rejected without being decided again.
   */
  protected async commitGroup(group: Waiting[], attempt: number, poisoned: Map<string, ReplyError>): Promise<void> {
    // Resent commands may have been stored before a restart: ask the store once for the whole group.
    const unknownResent = group.filter((w) => w.resent && !this.outcomes.has(w.commandId)).map((w) => w.commandId);
    if (unknownResent.length > 0) {
      for (const [id, outcome] of await this.o.store.findCommandOutcomes(this.planId, unknownResent)) this.remember(id, outcome);
    }
    const d = this.decideGroup(group, poisoned);
    if ('threw' in d) {
      // The state is half-changed: rebuild it from the store and decide the group again, this one refused.
      await this.reload();
      return this.commitGroup(resentAll(group), attempt, new Map(poisoned).set(d.threw, UNPROCESSABLE));
    }
    let result: AppendResult | null = null;
    if (d.records.length > 0) {
      try {
        result = await this.o.store.append(this.planId, d.before, d.records, undefined, this.ordered);
      } catch (err) {
        return this.recover(err, group, d.fresh, attempt, poisoned);
      }
    }
    this.finish(d, result);
    this.maybeSnapshot(); // after the acks: a snapshot copies the whole state
  }

  /**
   * Decides a group in place on the state. Returns its records, or — when a command threw in evolve and left the
   * state half-changed — that command's id (the caller rebuilds the state). With `sliceMs`, stops once deciding has
   * taken that long (after one command at least): the commands not decided are `rest`, for the caller to queue again.
   */
  protected decideGroup(group: Waiting[], poisoned: Map<string, ReplyError>, sliceMs?: number): Decided | { threw: string } {
    const before = this.state.version;
    const at = this.o.now();
    const records: CommandRecord<PlanEvent>[] = [];
    const fresh: Waiting[] = [];
    const answered: Waiting[] = [];
    const seenInGroup = new Set<string>();
    const began = performance.now();
    for (const [i, w] of group.entries()) {
      if (sliceMs !== undefined && i > 0 && performance.now() - began >= sliceMs) {
        return { before, records, fresh, answered, rest: group.slice(i) };
      }
      if (this.outcomes.has(w.commandId) || seenInGroup.has(w.commandId)) {
        answered.push(w); // a resend: answered with the original outcome, never applied twice
        continue;
      }
      // A sender downgraded or removed since it sent this: refused, nothing recorded.
      if (w.mayWrite?.() === false) {
        w.resolve(refuse(w.commandId, NO_LONGER_ALLOWED));
        continue;
      }
      // A connection that has used up its decide time waits its turn: refused retryably, nothing recorded.
      const work = bothMeters(this.planWork, w.work);
      const owing = work.owing();
      if (owing > 0) {
        w.resolve(refuse(w.commandId, decideBusy(owing)));
        continue;
      }
      // So does one whose plan, or address, has stored its budget of bytes (see chargeStored).
      const [planOwes, addressOwes] = [this.planStored.owing(), w.stored?.owing() ?? 0];
      if (planOwes > 0 || addressOwes > 0) {
        w.resolve(refuse(w.commandId, storedBusy(planOwes, addressOwes)));
        continue;
      }
      seenInGroup.add(w.commandId);
      const record = { commandId: w.commandId, actor: w.actor.name, actorId: w.actor.id, batchId: w.batchId, at };
      fresh.push(w);
      const poison = poisoned.get(w.commandId);
      if (poison) {
        records.push({ ...record, events: [], error: poison });
        continue;
      }
      let d: ReturnType<typeof decide>;
      const started = performance.now();
      try {
        d = decide(this.state, w.command); // pure: a throw leaves the state as it was
        if (typeof d?.ok !== 'boolean') throw new TypeError(`decide gave no decision for ${w.command?.type}`);
      } catch (err) {
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in decide: ${(err as Error).stack ?? String(err)}`);
        records.push({ ...record, events: [], error: UNPROCESSABLE });
        continue;
      }
      if (!d.ok) {
        work.spend(performance.now() - started);
        records.push({ ...record, events: [], error: d.error });
        continue;
      }
      try {
        for (const e of d.events) evolve(this.state, e);
      } catch (err) {
        this.o.log?.(`plan ${this.planId}: command ${w.commandId} threw in evolve: ${(err as Error).stack ?? String(err)}`);
        this.stale = true;
        return { threw: w.commandId };
      }
      work.spend(performance.now() - started);
      records.push({ ...record, events: d.events });
    }
    return { before, records, fresh, answered, rest: [] };
  }

  /** A group's append succeeded: remember its outcomes, publish its events once, answer its commands. */
  protected finish(d: Decided, result: AppendResult | null) {
    if (result) {
      this.chargeStored(
        result.bytes,
        d.fresh,
        d.records.map((r) => r.events.length + 1),
      );
      for (const [id, outcome] of result.outcomes) this.remember(id, outcome);
      const wire: WireEvent[] = [];
      let version = d.before;
      for (const r of d.records) {
        for (const event of r.events) {
          wire.push({
            version: ++version,
            event,
            meta: { actor: r.actor, actorId: r.actorId, commandId: r.commandId, batchId: r.batchId, at: r.at },
          });
        }
      }
      this.committed = version;
      if (wire.length > 0) {
        this.recent.push(...wire);
        if (this.recent.length > this.o.recentEvents * 2) this.recent = this.recent.slice(-this.o.recentEvents);
        this.o.publish(wire);
      }
    }
    for (const w of [...d.fresh, ...d.answered]) w.resolve(reply(w.commandId, this.outcomes.get(w.commandId)!));
  }

  /** A group's append failed (nothing else in flight): rebuild, then retry, split or refuse by what failed. */
  protected async recover(err: unknown, group: Waiting[], fresh: Waiting[], attempt: number, poisoned: Map<string, ReplyError>): Promise<void> {
    this.o.log?.(`plan ${this.planId}: append of ${fresh.length} command(s) failed (${(err as Error).message})`);
    this.stale = true;
    // Lost connection: the outcome is unknown (it may have committed). The clients resend; the store decides.
    if (err instanceof StoreUnavailableError) throw err;
    const began = performance.now();
    await this.reload();
    if (err instanceof DuplicateCommandError) {
      // The rebuild (tens of ms on a big plan) is charged to whoever sent an id already stored without saying it
      // was a resend: sent over and over, their connection is soon refused as busy instead of stalling every plan.
      const spent = performance.now() - began;
      for (const w of fresh) if (err.commandIds.includes(w.commandId)) bothMeters(this.planWork, w.work).spend(spent);
    }
    if (err instanceof DuplicateCommandError || err instanceof VersionConflictError) {
      // A duplicate id or a foreign writer, seen for what it is after the reload. Give up after a few rounds.
      if (attempt < 3) return this.commitGroup(resentAll(group), attempt + 1, poisoned);
      for (const w of group) w.resolve(refuse(w.commandId, NOT_SAVED));
      return;
    }
    // The store refused the content (e.g. a value PostgreSQL can't hold): split until only the culprit fails.
    if (fresh.length > 1) {
      const half = Math.ceil(group.length / 2);
      await this.commitGroup(resentAll(group.slice(0, half)), attempt, poisoned);
      await this.ensureFresh();
      return this.commitGroup(resentAll(group.slice(half)), attempt, poisoned);
    }
    const culprit = fresh[0]!;
    if (poisoned.has(culprit.commandId)) {
      // Even its refusal can't be stored: answer it without a record; the others go on.
      culprit.resolve(refuse(culprit.commandId, poisoned.get(culprit.commandId)!));
      const rest = group.filter((w) => w.commandId !== culprit.commandId);
      return rest.length > 0 ? this.commitGroup(resentAll(rest), attempt, poisoned) : undefined;
    }
    return this.commitGroup(resentAll(group), attempt, new Map(poisoned).set(culprit.commandId, UNPROCESSABLE));
  }
}
