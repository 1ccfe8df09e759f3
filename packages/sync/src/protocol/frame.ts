import type { PlanEvent } from '@seatfold/domain/core';
import type { EventMeta, WireEvent } from './wire.ts';

/**
 * Committed events as the 'events' push carries them. Every client of a plan reads every push, so its size is paid
 * once per client: written as WireEvent objects, each event repeated its property names and its command's metadata
 * (a 36-character command id, the actor's id and name) — about 250 bytes for a one-guest move, of which the move
 * itself was 70. A frame names each actor once and each command once, with its events after it:
 *
 *   actors  [actorId, name] pairs, each once per frame
 *   runs    [commandId, version of the run's first event, index into actors, at, batchId, events]
 *
 * A run is events in a row with consecutive versions and one metadata (usually one command's events; an import's
 * thousands of events are one run). Nothing is assumed of what follows what: a version gap, or a change of any
 * part of the metadata, starts a new run, so `unframe(frame(x))` gives back x for any list of WireEvents.
 */
export interface EventFrame {
  actors: [actorId: string | null, name: string][];
  runs: EventRun[];
}

export type EventRun = [commandId: string, version: number, actor: number, at: number, batchId: string | null, events: PlanEvent[]];

export function frame(events: readonly WireEvent[]): EventFrame {
  const actors: EventFrame['actors'] = [];
  const actorIndex = new Map<string | null, Map<string, number>>();
  const actorOf = (meta: EventMeta): number => {
    const byName = actorIndex.get(meta.actorId) ?? actorIndex.set(meta.actorId, new Map()).get(meta.actorId)!;
    let i = byName.get(meta.actor);
    if (i === undefined) {
      i = actors.push([meta.actorId, meta.actor]) - 1;
      byName.set(meta.actor, i);
    }
    return i;
  };
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
    if (same) run![5].push(e.event);
    else {
      run = [m.commandId, e.version, actorOf(m), m.at, m.batchId, [e.event]];
      runs.push(run);
    }
    meta = m;
    next = e.version + 1;
  }
  return { actors, runs };
}

/** The WireEvents a frame carries, in its order. The events of one run share one metadata object (never mutated). */
export function unframe(f: EventFrame): WireEvent[] {
  const out: WireEvent[] = [];
  for (const [commandId, version, actor, at, batchId, events] of f.runs) {
    const [actorId, name] = f.actors[actor]!;
    const meta: EventMeta = { actor: name, actorId, commandId, batchId, at };
    for (let i = 0; i < events.length; i++) out.push({ version: version + i, event: events[i]!, meta });
  }
  return out;
}

/** How many events a frame carries (without unframing it). */
export function framedCount(f: EventFrame): number {
  let n = 0;
  for (const run of f.runs) n += run[5].length;
  return n;
}
