import type { PlanEvent } from '@seatfold/domain/core';
import type { EventMeta, WireEvent } from './wire.ts';

/**
 * Committed events as the 'events' push carries them. Every client of a plan reads every push, so its size is paid
 * once per client: written as WireEvent objects, each event repeated its property names and its command's metadata
 * (a 36-character command id, the actor's id and name, a 13-digit time) — about 250 bytes for a one-guest move, of
 * which the move itself was 70. A frame names each command once, with its events after it, and each actor once per
 * connection:
 *
 *   list    [list id, from, shapes from]: the frame's actors are entries from..from+n of an actor list the writer
 *           keeps across frames, its shapes entries of a shape list kept alike; from 0 starts both lists anew. Runs
 *           index the whole lists, so an actor named in an earlier frame of the list costs a run one small number
 *           (with 50 organisers in a push, their names were a seventh of it).
 *   actors  [actorId, name] pairs new to the list
 *   shapes  key lists new to the list: an event travels as [shape, ...its values in the shape's key order], its
 *           property names once per connection instead of once per event (a one-guest move 66 → 28 bytes; a
 *           push of the 50-client bench 24 % smaller, and every client parses every push)
 *   at      the time the runs' times count from
 *   runs    [commandId, version of the run's first event, index into the list, at − frame at, events, batchId?]
 *
 * A run is events in a row with consecutive versions and one metadata (usually one command's events; an import's
 * thousands of events are one run). Nothing is assumed of what follows what: a version gap, or a change of any
 * part of the metadata, starts a new run, so a reader gives back exactly the WireEvents written.
 *
 * The list is shared by every connection of a plan (one frame is encoded for all of them). A connection that starts
 * reading (a join subscribes it) cannot know the entries written before, so the writer starts a new list with the
 * next frame (`restart`): the joiner's first frame is one with from 0, and every frame after it continues what the
 * joiner has read. A reader meets a frame it cannot read only if a push went missing, and then says so (null).
 */
export interface EventFrame {
  list: [id: number, from: number, shapesFrom: number];
  actors: [actorId: string | null, name: string][];
  shapes: string[][];
  at: number;
  runs: EventRun[];
}

/** An event without its property names: the index of its key list in the shape list, then its values in that order. */
export type PackedEvent = [shape: number, ...values: unknown[]];

export type EventRun =
  | [commandId: string, version: number, actor: number, at: number, events: PackedEvent[]]
  | [commandId: string, version: number, actor: number, at: number, events: PackedEvent[], batchId: string];

/** List ids, unique in the process, so that a reader never takes one writer's list for another's. */
let lists = 0;

/** The server side: frames pushes, keeping the actor list between them (one writer per open plan). */
export class FrameWriter {
  private list = 0;
  private actors: EventFrame['actors'] = [];
  private index = new Map<string | null, Map<string, number>>();
  private shapes: string[][] = [];
  private shapeIndex = new Map<string, number>();

  /**
   * @param maxActors a list with this many actors, or shapes, is started again (renames add actors, and events of
   * new kinds or with optional fields add shapes: the bound keeps the memory bounded)
   */
  constructor(private readonly maxActors = 2048) {}

  /** A connection starts reading: the next frame begins a new list. */
  restart(): void {
    this.list = 0;
  }

  frame(events: readonly WireEvent[]): EventFrame {
    if (this.list === 0 || this.actors.length >= this.maxActors || this.shapes.length >= this.maxActors) {
      this.list = ++lists;
      this.actors = [];
      this.index = new Map();
      this.shapes = [];
      this.shapeIndex = new Map();
    }
    const from = this.actors.length;
    const shapesFrom = this.shapes.length;
    const base = events[0]?.meta.at ?? 0;
    const runs: EventRun[] = [];
    let run: EventRun | null = null;
    let next = NaN;
    let meta: EventMeta | null = null;
    for (const e of events) {
      const m = e.meta;
      const same =
        run !== null &&
        e.version === next &&
        (m === meta ||
          (m.commandId === meta!.commandId &&
            m.actorId === meta!.actorId &&
            m.actor === meta!.actor &&
            m.at === meta!.at &&
            m.batchId === meta!.batchId));
      if (same) run![4].push(this.pack(e.event));
      else {
        run = [m.commandId, e.version, this.actorOf(m), m.at - base, [this.pack(e.event)]];
        if (m.batchId !== null) run.push(m.batchId);
        runs.push(run);
      }
      meta = m;
      next = e.version + 1;
    }
    return { list: [this.list, from, shapesFrom], actors: this.actors.slice(from), shapes: this.shapes.slice(shapesFrom), at: base, runs };
  }

  /** The event's values under its shape: the properties JSON would write (undefined ones are left out, as JSON does). */
  private pack(event: PlanEvent): PackedEvent {
    const e = event as unknown as Record<string, unknown>;
    const keys: string[] = [];
    const packed: PackedEvent = [0];
    for (const k of Object.keys(e)) {
      const v = e[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      keys.push(k);
      packed.push(v);
    }
    // Property names are the domain's field names, never a NUL
    const key = keys.join('\0');
    let i = this.shapeIndex.get(key);
    if (i === undefined) {
      i = this.shapes.push(keys) - 1;
      this.shapeIndex.set(key, i);
    }
    packed[0] = i;
    return packed;
  }

  private actorOf(meta: EventMeta): number {
    const byName = this.index.get(meta.actorId) ?? this.index.set(meta.actorId, new Map()).get(meta.actorId)!;
    let i = byName.get(meta.actor);
    if (i === undefined) {
      i = this.actors.push([meta.actorId, meta.actor]) - 1;
      byName.set(meta.actor, i);
    }
    return i;
  }
}

/** The client side: reads one connection's frames, in the order they arrived. */
export class FrameReader {
  private list = 0;
  private actors: EventFrame['actors'] = [];
  private shapes: string[][] = [];

  /** The WireEvents a frame carries, in its order, or null when it continues a list this reader has not read. */
  read(f: EventFrame): WireEvent[] | null {
    const [list, from, shapesFrom] = f.list;
    if (from === 0) {
      if (shapesFrom !== 0) return null;
      this.list = list;
      this.actors = [];
      this.shapes = [];
    } else if (list !== this.list || from > this.actors.length || shapesFrom > this.shapes.length) return null;
    for (let i = 0; i < f.actors.length; i++) this.actors[from + i] = f.actors[i]!;
    for (let i = 0; i < f.shapes.length; i++) this.shapes[shapesFrom + i] = f.shapes[i]!;
    const out: WireEvent[] = [];
    for (const [commandId, version, actor, at, events, batchId] of f.runs) {
      const known = this.actors[actor];
      if (!known) return null;
      // one metadata object for the events of a run (never mutated)
      const meta: EventMeta = { actor: known[1], actorId: known[0], commandId, batchId: batchId ?? null, at: f.at + at };
      for (let i = 0; i < events.length; i++) {
        const event = this.unpack(events[i]!);
        if (!event) return null;
        out.push({ version: version + i, event, meta });
      }
    }
    return out;
  }

  private unpack(packed: PackedEvent): PlanEvent | null {
    const keys = this.shapes[packed[0]];
    if (!keys) return null;
    const e: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) e[keys[k]!] = packed[k + 1];
    return e as unknown as PlanEvent;
  }
}

/** A frame that stands alone (a new list of its own): for one-off pushes, such as the bench's floor server's. */
export function frame(events: readonly WireEvent[]): EventFrame {
  return new FrameWriter().frame(events);
}

/** The events of a frame that stands alone (from 0); throws on one that continues a list. */
export function unframe(f: EventFrame): WireEvent[] {
  const events = new FrameReader().read(f);
  if (!events) throw new Error(`frame ${f.list.join('/')} continues an actor list: read it with the connection's FrameReader`);
  return events;
}

/** How many events a frame carries (without unpacking them). */
export function framedCount(f: EventFrame): number {
  let n = 0;
  for (const run of f.runs) n += run[4].length;
  return n;
}
