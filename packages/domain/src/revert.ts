import { entity } from './ids.ts';
import type { Command } from './commands.ts';
import { decide } from './decide.ts';
import type { PlanEvent } from './events.ts';
import { evolve } from './evolve.ts';
import { inverseOf } from './inverse.ts';
import { cloneState, type PlanState } from './model.ts';
import { tableOn } from './where.ts';
import { changedBy, changedFacts, splitFact, type EntityKey } from './targets.ts';
import { finish, type Steps } from './steps.ts';

/** An event with who did it — what undo and revert reason about. */
export interface RecordedEvent {
  version: number;
  event: PlanEvent;
  /** the actor's display name then (for sentences) */
  actor: string;
  /** the actor's stable id (what "mine" means); null for events recorded before actors had ids */
  actorId: string | null;
  commandId: string;
  batchId: string | null;
}

export interface RevertConflict {
  /** the event of the target that is NOT taken back */
  version: number;
  event: PlanEvent;
  /** why, in words: who changed the same thing since, or what stands in the way now */
  reason: string;
  /** the later event that changed the same thing, when that is the reason */
  laterVersion: number | null;
  laterActor: string | null;
}

export interface RevertPlan {
  commands: Command[];
  /** the events the commands make on the current state, in order (what the revert does: see describeEffects) */
  events: PlanEvent[];
  /** events of the target that are taken back */
  restored: number;
  conflicts: RevertConflict[];
}

/**
 * Plans taking back `target` (one command's events, or a whole batch's) on the current state, keeping all later
 * work: an event whose subject (guest, table, …) was changed again by a later event is left as it is and listed
 * as a conflict — never overwritten. "The same thing" is the same fact (a guest's seat, one of their fields, a table's
 * place…) by default, or the same guest/table with `granularity: 'entity'` (undo). Later events whose actor id is
 * `ignoreActorId` don't count (undo: my own later changes are undone first); a legacy event (actorId null) always
 * counts, and so does another actor who happens to have my name. The inverse commands are tried through decide on a
 * copy of the state, so what is returned applies cleanly as one batch; anything decide refuses (a table full by now) becomes a conflict, and removing a
 * table or physical table that others have used since is refused rather than cascading into their work.
 */
export function planRevert(
  state: PlanState,
  target: readonly RecordedEvent[],
  later: readonly RecordedEvent[],
  opts: RevertOptions = {},
): RevertPlan {
  return finish(
    (function* () {
      const changes = new LaterChanges(opts);
      yield* changes.read(later);
      return yield* planRevertSteps(state, target, changes);
    })(),
  );
}

export interface RevertOptions {
  /** later events of this actor id don't count (undo: my own later changes are undone first) */
  ignoreActorId?: string;
  /** what "the same thing" is: the same fact (default), or the same guest or table (undo) */
  granularity?: 'fact' | 'entity';
}

/** Events (of the target, or later ones read for what they changed) between two yields. */
const EVENTS_A_STEP = 500;

/**
 * What the events recorded after a take-back's target changed, and who changed each thing first: read a page at a time
 * (`read`, as often as there are pages, in version order), so a server need not hold a long history in memory at once —
 * what is kept is one entry per thing changed, not per event.
 */
export class LaterChanges {
  /** entity → fact → the first later event that changed it ('*': the whole entity); with 'entity' granularity, fact '' */
  private readonly first = new Map<EntityKey, Map<string, RecordedEvent>>();

  constructor(private readonly opts: RevertOptions = {}) {}

  *read(events: readonly RecordedEvent[]): Steps<void> {
    for (const [i, r] of events.entries()) {
      if (i > 0 && i % EVENTS_A_STEP === 0) yield;
      if (this.opts.ignoreActorId !== undefined && r.actorId === this.opts.ignoreActorId) continue;
      if (this.opts.granularity === 'entity') {
        for (const k of changedBy(r.event)) this.note(k, '', r);
        continue;
      }
      for (const f of changedFacts(r.event)) {
        const { entity, fact } = splitFact(f);
        this.note(entity, fact, r);
      }
    }
  }

  /** Which later event (the first) changed again what `e` changed. */
  blockerOf(e: PlanEvent): RecordedEvent | undefined {
    if (this.opts.granularity === 'entity') {
      return changedBy(e)
        .map((k) => this.first.get(k)?.get(''))
        .find((r) => r !== undefined);
    }
    for (const f of changedFacts(e)) {
      const { entity, fact } = splitFact(f);
      const facts = this.first.get(entity);
      if (!facts) continue;
      const hit = fact === '*' ? [...facts.values()].sort((a, b) => a.version - b.version)[0] : (facts.get(fact) ?? facts.get('*'));
      if (hit) return hit;
    }
    return undefined;
  }

  private note(entity: EntityKey, fact: string, r: RecordedEvent): void {
    const facts = this.first.get(entity) ?? this.first.set(entity, new Map()).get(entity)!;
    if (!facts.has(fact)) facts.set(fact, r);
  }
}

/**
 * planRevert as Steps, the later events already read into `later`: it yields after copying the state and after each
 * event of the target; the state must not change meanwhile. With `firstConflict` it stops at the first conflict (the
 * newest event of the target that cannot be taken back), for an undo, which any conflict refuses. One pass over the target, newest first:
 * an inverse decide refuses is a conflict, and nothing of it stays in the working copy (an inverse of one command
 * changes nothing when refused; one of several that fails part-way — never seen: its later commands only mark what
 * its first added — has the copy rebuilt from the state and what was accepted before it).
 */
export function* planRevertSteps(
  state: PlanState,
  target: readonly RecordedEvent[],
  later: LaterChanges,
  {
    firstConflict = false,
    copy = cloneState,
  }: {
    firstConflict?: boolean;
    /** the working copy of `state` (the server's: a copy-on-write draft, where a whole copy of a big plan takes 0.1 s and more) */
    copy?: (state: PlanState) => PlanState;
  } = {},
): Steps<RevertPlan> {
  let work = copy(state);
  yield;
  const commands: Command[] = [];
  const events: PlanEvent[] = [];
  const conflicts: RevertConflict[] = [];
  let restored = 0;
  for (let i = target.length - 1; i >= 0; i--) {
    // after every event: one inverse that decide refuses names its guest, which reads every guest of a big plan
    if (i < target.length - 1) yield;
    // an undo is refused whole on any conflict: the first one found is its answer (each refusal costs a decide)
    if (firstConflict && conflicts.length > 0) break;
    const t = target[i]!;
    const blocker = later.blockerOf(t.event);
    if (blocker) {
      conflicts.push({
        version: t.version,
        event: t.event,
        reason: `changed again later by ${blocker.actor}`,
        laterVersion: blocker.version,
        laterActor: blocker.actor,
      });
      continue;
    }
    const inverse = inverseOf(t.event);
    const inUse = inverse.map((c) => stillInUse(work, c)).find((x) => x !== null);
    if (inUse) {
      conflicts.push({ version: t.version, event: t.event, reason: inUse, laterVersion: null, laterActor: null });
      continue;
    }
    const before = commands.length;
    const eventsBefore = events.length;
    let refused: string | null = null;
    for (const c of inverse) {
      const d = decide(work, c);
      if (!d.ok) {
        refused = d.error.message;
        break;
      }
      for (const e of d.events) evolve(work, e);
      events.push(...d.events);
      commands.push(c);
    }
    if (refused !== null) {
      // Keep the batch whole: nothing of this event's inverse is taken back.
      conflicts.push({ version: t.version, event: t.event, reason: refused, laterVersion: null, laterActor: null });
      commands.length = before;
      if (events.length > eventsBefore) {
        events.length = eventsBefore;
        work = copy(state);
        for (const e of events) evolve(work, e);
      }
      continue;
    }
    if (inverse.length > 0) restored++;
  }
  return { commands, events, restored, conflicts: conflicts.sort((a, b) => a.version - b.version) };
}

/** Removing a table or physical table that others have used since would undo their work too: refuse instead. */
function stillInUse(s: PlanState, c: Command): string | null {
  if (c.type === 'removeTable') {
    const t = entity(s.tables, c.tableId);
    if (t && t.guestIds.length > 0) return `table “${t.name}” has guests seated since; it is kept`;
  }
  if (c.type === 'removePhysicalTable') {
    const mapped = tableOn(s, c.physicalTableId);
    if (mapped) return `table “${mapped.name}” stands on it now; it is kept`;
  }
  return null;
}
