import type { HistoryEntry } from '@seatfold/sync';
import { actorKey } from '../../app/actors.ts';
import { entryIndexAt } from '../../app/timeline.ts';

/*
 * The scrubber's scale: one step per change group (a command, or a whole batch), never one per event. Step 0 is
 * the plan before anything; step i is the plan right after the i-th group; the last step is the newest group
 * (the live plan). A 3,000-event import is one step, as wide as one seat change, so every organiser's edits
 * around it stay reachable by pointer and keyboard.
 */

/** Number of steps after the start: one per group. The track runs 0 … stepCount. */
export const stepCount = (entries: readonly HistoryEntry[]): number => entries.length;

/** The version a step shows: 0 before anything, else the end of the step's group. */
export function versionAtStep(entries: readonly HistoryEntry[], step: number): number {
  const i = Math.max(0, Math.min(entries.length, Math.round(step)));
  return i === 0 ? 0 : entries[i - 1]!.lastVersion;
}

/**
 * Where a version sits on the track, in steps (0 … stepCount). A version at the end of a group sits on its step;
 * one inside a batch (a deep link may name it) sits between the steps around that batch, in proportion.
 * null (live) and versions beyond the loaded groups sit at the end.
 */
export function positionOf(entries: readonly HistoryEntry[], version: number | null): number {
  const n = entries.length;
  if (version === null || n === 0) return n;
  if (version <= 0) return 0;
  const i = entryIndexAt(entries, version);
  if (i < 0) return n;
  const e = entries[i]!;
  return i + (version - e.firstVersion + 1) / (e.lastVersion - e.firstVersion + 1);
}

/** The share of the track (0 … 1) a position takes. An empty history is all "now". */
export const fractionOf = (entries: readonly HistoryEntry[], position: number): number => (entries.length ? position / entries.length : 1);

/** The step nearest a point on the track (fraction 0 … 1 of its width). */
export const stepAtFraction = (entries: readonly HistoryEntry[], fraction: number): number =>
  Math.round(Math.max(0, Math.min(1, fraction)) * entries.length);

/** A run of consecutive groups by one person, as steps on the track: `from` … `to` (inclusive, 1-based). */
export interface ActorRun {
  /** the person (actorKey: their id, or a legacy name) */
  actor: string;
  from: number;
  to: number;
}

/**
 * Who worked where on the track: consecutive groups by the same actor as one run. With more runs than the
 * track can show (`max`), neighbouring runs are drawn together under the actor of the larger share, so the
 * drawing stays bounded; every group stays reachable by its own step either way.
 */
export function actorRuns(entries: readonly HistoryEntry[], max = 240): ActorRun[] {
  const runs: ActorRun[] = [];
  for (let i = 0; i < entries.length; i++) {
    const last = runs[runs.length - 1];
    const who = actorKey(entries[i]!);
    if (last && last.actor === who) last.to = i + 1;
    else runs.push({ actor: who, from: i + 1, to: i + 1 });
  }
  if (runs.length <= max) return runs;
  const width = Math.ceil(entries.length / max);
  const out: ActorRun[] = [];
  for (let from = 1; from <= entries.length; from += width) {
    const to = Math.min(entries.length, from + width - 1);
    const share = new Map<string, number>();
    for (let s = from; s <= to; s++) share.set(actorKey(entries[s - 1]!), (share.get(actorKey(entries[s - 1]!)) ?? 0) + 1);
    const actor = [...share].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const last = out[out.length - 1];
    if (last && last.actor === actor) last.to = to;
    else out.push({ actor, from, to });
  }
  return out;
}

/** A stable hue (0–359) per person, so the same organiser has the same colour on every track. */
export function actorHue(actor: string): number {
  let h = 0;
  for (let i = 0; i < actor.length; i++) h = (h * 31 + actor.charCodeAt(i)) >>> 0;
  return h % 360;
}

/** The step a key takes the scrubber to from `step` (of `n`), or undefined for keys it does not handle. */
export function stepForKey(key: string, step: number, n: number): number | undefined {
  const at = Math.round(step);
  const clamp = (s: number) => Math.max(0, Math.min(n, s));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      // From inside a batch (a deep link), back goes to the step before that batch.
      return clamp(Number.isInteger(step) ? at - 1 : Math.floor(step));
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(Number.isInteger(step) ? at + 1 : Math.ceil(step));
    case 'PageDown':
      return clamp(Math.ceil(step) - 10);
    case 'PageUp':
      return clamp(Math.floor(step) + 10);
    case 'Home':
      return 0;
    case 'End':
      return n;
    default:
      return undefined;
  }
}
