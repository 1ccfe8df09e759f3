import { decide, evolve, type PlanEvent, type PlanState } from '@seatfold/domain';
import { DuplicateCommandError, StoreUnavailableError, type BatchRecord } from '@seatfold/store';
import { encodeState, type CommandReply, type ReplyError, type WireEvent } from '../protocol.ts';
import { drafts } from './drafts.ts';
import { GroupCommit } from './room-commit.ts';
import { bothMeters, type WorkMeter } from './buckets.ts';
import { decideBusy, storedBusy } from './limits.ts';
import { NO_LONGER_ALLOWED, refuse, reply, unavailable, type BatchSubmission, type RoomOptions, type Submission } from './room-core.ts';

export { unavailable, type BatchBuild, type BatchSubmission, type RoomOptions, type Submission } from './room-core.ts';

/**
 * One open plan on the server: its state in memory and a queue of commands. Commands are decided one after
 * another on the in-memory state; all commands that queued up while the previous commit was in flight are
 * appended together in ONE transaction (group commit), then published, then acknowledged. Every operation —
 * commits and joins — runs on one serial chain, so a joiner sees a state that is exactly a committed version.
 *
 * The state never runs ahead of the store: a group is evolved in place (no copy per commit: cloning a big plan
 * would cost more than the commit), but any failure — an append, a command that throws — marks the room stale,
 * and every serial operation first rebuilds a stale state from the store. While that rebuild fails (database
 * down), operations are refused with the retryable `Unavailable` and nothing unstored is ever served.
 * Each command stands on its own: one that throws is refused alone, and a group the store refuses for its
 * content (not a lost connection, not a conflict) is split in halves until only the culprit is refused.
 */
/**
 * How many events a far-behind joiner may be sent after a shared, older encoding of the state instead of a new one:
 * fewer than the client folds by copying the whole state (BULK_FOLD in client-state.ts).
 */
const JOIN_SNAPSHOT_LAG = 200;
/** A client further behind than this many events is sent the whole state instead (catchUp). */
const CATCH_UP_EVENTS = 1000;
const tooLong = (at: number, of: number): ReplyError => ({
  code: 'Unprocessable',
  message: `Checking this change took too long: after ${at.toLocaleString('en')} of its ${of.toLocaleString('en')} parts the server stopped. Nothing was applied. Send it in smaller parts.`,
});

export class PlanRoom extends GroupCommit {
  private constructor(o: RoomOptions) {
    super(o);
  }

  /** Loads a plan: the latest snapshot of this evolve version, then the events after it. */
  static async load(o: RoomOptions): Promise<PlanRoom> {
    const room = new PlanRoom(o);
    await room.reload();
    return room;
  }

  /** The latest stored version the room serves (never the version of a commit still in flight). */
  get version(): number {
    return this.committed;
  }

  submit(s: Submission): Promise<CommandReply> {
    return new Promise((resolve) => {
      this.queue.push({ ...s, resolve });
      this.wake?.();
      if (!this.drainScheduled) {
        this.drainScheduled = true;
        void this.serial(() => this.drain(), false);
      }
    });
  }

  /** The state encoded for far-behind joiners, and the version it was taken at. */
  private joinSnapshot: { version: number; state: Uint8Array } | null = null;
  /** lets the encoded snapshot go `joinSnapshotMs` after its last use */
  private joinSnapshotTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The state encoded as JSON bytes, shared: every far-behind joiner gets the same bytes (~0.7 MB for the
   * 1,500-guest demo) and, when the state has moved on since they were encoded, the events after them (`lag`: at
   * most that many, all still in `recent`). Encoding once per version instead cost one main-thread task of several
   * milliseconds per join while a plan was being edited; joiners in a loop then made every other command of the
   * plan wait. The bytes are kept while joiners keep coming and let go `joinSnapshotMs` after the last one, so an
   * idle plan holds none. A committed version's state never changes, so the bytes stay true.
   */
  private encodedState(lag: number): { version: number; state: Uint8Array } {
    this.keepJoinSnapshot();
    const version = this.state.version;
    const cached = this.joinSnapshot;
    const oldest = this.recent[0]?.version ?? Infinity;
    if (cached && cached.version <= version && version - cached.version <= lag && (cached.version === version || oldest <= cached.version + 1))
      return cached;
    this.joinSnapshot = { version, state: encodeState(this.state) };
    return this.joinSnapshot;
  }

  private keepJoinSnapshot(): void {
    if (this.joinSnapshotTimer) {
      this.joinSnapshotTimer.refresh();
      return;
    }
    this.joinSnapshotTimer = setTimeout(() => this.dropJoinSnapshot(), this.o.joinSnapshotMs);
    this.joinSnapshotTimer.unref?.();
  }

  private dropJoinSnapshot(): void {
    if (this.joinSnapshotTimer) clearTimeout(this.joinSnapshotTimer);
    this.joinSnapshotTimer = null;
    this.joinSnapshot = null;
  }

  /**
   * The current committed state, encoded: the same bytes far-behind joiners get (one encoding per version). A page
   * fetches it over HTTP while its socket connects, so it can draw the plan before the join's round trips.
   */
  encoded(): Promise<{ version: number; state: Uint8Array }> {
    return this.serial(() => this.encodedState(0));
  }

  /**
   * Whether a client that has seen `afterVersion` is sent the whole state (catchUp): it is ahead of the server (a reset
   * store, or a state of another plan) or further behind than a catch-up by events. A join asks first, to charge the
   * client's address for it (Limits.statesPerAddress).
   */
  sendsState(afterVersion: number, maxEvents = CATCH_UP_EVENTS): boolean {
    const version = this.committed;
    return afterVersion > version || version - afterVersion > maxEvents;
  }

  /**
   * What a client that has seen `afterVersion` needs: the events after it, or — when far behind — the state
   * encoded as JSON bytes (shared by every joiner; see encodedState) and the events after those. `subscribe` is
   * called in the same serial step, so every later commit reaches the client and none is sent twice: the reply
   * goes as far as the last push, and the commits held for the next push reach the joiner with it. A join does not
   * push them early: each push is a write to every socket of the plan, and joins in a loop made one push each.
   */
  catchUp(
    afterVersion: number,
    subscribe: () => void = () => {},
    maxEvents = CATCH_UP_EVENTS,
  ): Promise<{ version: number; events: WireEvent[]; snapshot: { version: number; state: Uint8Array } | null }> {
    return this.serial(async () => {
      const version = this.state.version;
      // what the subscribers have been sent: everything before the first held event
      let pushed = (this.pushes.heldFrom() ?? version + 1) - 1;
      if (this.sendsState(afterVersion, maxEvents)) {
        const snapshot = this.encodedState(JOIN_SNAPSHOT_LAG);
        // bytes newer than the last push: push first, or the joiner would get the held events twice
        if (snapshot.version > pushed) {
          this.pushes.flush();
          pushed = version;
        }
        subscribe();
        return { version: pushed, events: this.recent.filter((e) => e.version > snapshot.version && e.version <= pushed), snapshot };
      }
      subscribe();
      // Already has what was pushed (a page's state can include held commits): the next push brings the rest.
      if (afterVersion >= pushed) return { version: afterVersion, events: [], snapshot: null };
      const oldest = this.recent[0]?.version ?? Infinity;
      if (afterVersion + 1 >= oldest) {
        return { version: pushed, events: this.recent.filter((e) => e.version > afterVersion && e.version <= pushed), snapshot: null };
      }
      const stored = await this.o.store.readStream<PlanEvent>(this.planId, afterVersion);
      return { version: pushed, events: stored.filter((e) => e.version <= pushed).map(({ planId: _p, ...w }) => w), snapshot: null };
    });
  }

  /**
   * Applies a batch atomically: its commands are decided in order on a copy of the state; if any is refused,
   * nothing is applied and the reply says which change failed and why. The events, the command row and the batch
   * record are appended in one statement. A resent command id is answered with its original outcome.
   */
  submitBatch(b: BatchSubmission): Promise<CommandReply> {
    return this.serial(async () => {
      try {
        await this.ensureFresh();
        return await this.commitBatch(b);
      } catch (err) {
        if (!(err instanceof StoreUnavailableError)) throw err;
        this.stale = true;
        return refuse(b.commandId, unavailable(err));
      }
    }, false);
  }

  /** Reads the current state between commits and computes something from it (previews, exports). */
  read<T>(f: (state: PlanState) => Promise<T> | T): Promise<T> {
    return this.serial(() => f(this.state));
  }

  /**
   * As `read`, for work a client asks for that can cost seconds on a big plan (a revert's preview): refused while the
   * connection's or the plan's decide time is used up (`{ busyMs }`), else charged the time it took.
   */
  readCharged<T>(f: (state: PlanState) => Promise<T> | T, work: WorkMeter | undefined): Promise<T | { busyMs: number }> {
    return this.serial(async () => {
      const meter = bothMeters(this.planWork, work);
      const owing = meter.owing();
      if (owing > 0) return { busyMs: owing };
      const began = performance.now();
      try {
        return await f(this.state);
      } finally {
        meter.spend(performance.now() - began);
      }
    });
  }

  private async commitBatch(b: BatchSubmission): Promise<CommandReply> {
    if (!this.outcomes.has(b.commandId) && b.resent) {
      for (const [id, outcome] of await this.o.store.findCommandOutcomes(this.planId, [b.commandId])) this.remember(id, outcome);
    }
    const known = this.outcomes.get(b.commandId);
    if (known) return reply(b.commandId, known);
    if (b.mayWrite?.() === false) return refuse(b.commandId, NO_LONGER_ALLOWED);

    // The budgets first: building a batch (a revert of 10,000 events, say) can cost more than deciding it.
    const meter = bothMeters(this.planWork, b.work);
    const owing = meter.owing();
    if (owing > 0) return refuse(b.commandId, decideBusy(owing));
    const [planOwes, addressOwes] = [this.planStored.owing(), b.stored?.owing() ?? 0];
    if (planOwes > 0 || addressOwes > 0) return refuse(b.commandId, storedBusy(planOwes, addressOwes));
    // A batch id already stored is refused by one look-up, before any work: it was decided in full, then refused
    // by the store's key, and could be sent again and again.
    if (await this.o.store.batchInfo(this.planId, b.batchId)) {
      const [stored] = await this.o.store.findCommandOutcomes(this.planId, [b.commandId]);
      if (stored) return reply(b.commandId, stored[1]);
      return refuse(b.commandId, { code: 'AlreadyExists', message: `A batch with id ${b.batchId} already exists.` });
    }

    const building = performance.now();
    const built = await b.build(this.state);
    meter.spend(performance.now() - building);
    if ('error' in built) return refuse(b.commandId, built.error);
    if (built.commands.length === 0) return refuse(b.commandId, { code: 'NothingToDo', message: 'There is nothing to change.' });
    // Decided in slices with other plans' work between them; refused whole past Limits.batchDecideMs. Decided on a
    // draft of the state (copy on write: only what the batch changes is copied), never a copy of all of it: a whole
    // copy took 0.5–0.8 s at a plan's ceiling with long notes, in one piece no slice could break, and a refused batch
    // paid it too — every plan waited that long for each batch one organiser sent.
    const { decideSliceMs: sliceMs, batchDecideMs: mostMs } = this.o;
    let spent = 0;
    let slice = performance.now();
    const work = drafts.createDraft(this.state) as PlanState;
    const events: PlanEvent[] = [];
    const charge = () => {
      const now = performance.now();
      spent += now - slice;
      meter.spend(now - slice);
      slice = now;
    };
    for (const [i, c] of built.commands.entries()) {
      if (performance.now() - slice >= sliceMs) {
        charge();
        if (spent >= mostMs) return refuse(b.commandId, tooLong(i, built.commands.length));
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
      const d = decide(work, c);
      if (!d.ok) {
        charge();
        const where =
          built.commands.length > 1
            ? `Change ${(i + 1).toLocaleString('en')} of ${built.commands.length.toLocaleString('en')} (${c.type}) was refused: `
            : '';
        return refuse(b.commandId, { code: d.error.code, message: `${where}${d.error.message} Nothing was applied.` });
      }
      for (const e of d.events) {
        evolve(work, e);
        events.push(e);
      }
    }
    charge();
    // Asked again after the slices it was decided in (other work ran between them): a downgrade may have come.
    if (b.mayWrite?.() === false) return refuse(b.commandId, NO_LONGER_ALLOWED);
    const at = this.o.now();
    const before = this.state.version;
    const batch: BatchRecord = {
      batchId: b.batchId,
      kind: b.kind,
      actor: b.actor.name,
      actorId: b.actor.id,
      at,
      label: built.label ?? b.label,
      fileName: b.fileName,
      fileHash: b.fileHash,
      summary: built.summary ?? b.summary ?? null,
      reverts: b.reverts,
    };
    try {
      const { outcomes, bytes } = await this.o.store.append(
        this.planId,
        before,
        [{ commandId: b.commandId, actor: b.actor.name, actorId: b.actor.id, batchId: b.batchId, at, events }],
        batch,
        this.ordered,
      );
      for (const [id, outcome] of outcomes) this.remember(id, outcome);
      this.chargeStored(bytes, [b], [1]);
    } catch (err) {
      // A batch or command id already stored: the batch was decided on a copy, and the store's head was the one
      // expected (it is checked first), so the state is the store's: nothing to rebuild. (A reload here cost tens
      // of ms on a big plan, uncharged: a socket resending one batch id over and over stalled every plan.)
      if (err instanceof DuplicateCommandError) {
        const [stored] = await this.o.store.findCommandOutcomes(this.planId, [b.commandId]);
        if (stored) return reply(b.commandId, stored[1]);
        return refuse(b.commandId, { code: 'AlreadyExists', message: `A batch with id ${b.batchId} already exists.` });
      }
      this.o.log?.(`plan ${this.planId}: batch ${b.batchId} not appended (${(err as Error).message}); reloading`);
      this.stale = true;
      if (err instanceof StoreUnavailableError) return refuse(b.commandId, unavailable(err));
      await this.reload();
      return refuse(b.commandId, { code: 'ServerError', message: 'The batch could not be saved. Nothing was applied; please try again.' });
    }
    this.state = drafts.finishDraft(work);
    this.committed = this.state.version;
    const wire = events.map((event, i) => ({
      version: before + i + 1,
      event,
      meta: { actor: b.actor.name, actorId: b.actor.id, commandId: b.commandId, batchId: b.batchId, at },
    }));
    this.recent.push(...wire);
    if (this.recent.length > this.o.recentEvents * 2) this.recent = this.recent.slice(-this.o.recentEvents);
    this.o.publish(wire);
    this.maybeSnapshot();
    const r = reply(b.commandId, this.outcomes.get(b.commandId)!);
    return r.status === 'accepted' && built.detail ? { ...r, detail: built.detail } : r;
  }

  /** A copy of the current state (for exports and tests), taken between commits. */
  snapshot(): Promise<PlanState> {
    return this.serial(() => structuredClone(this.state));
  }

  protected override async reload(): Promise<void> {
    // a rebuilt state (after a failure, or a store that was reset) starts from fresh bytes
    this.dropJoinSnapshot();
    await super.reload();
  }
}
