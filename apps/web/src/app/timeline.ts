import {
  aspectsChanged,
  entity,
  changedBy,
  describeEvent,
  describePartySeating,
  describeRemoval,
  evolve,
  fieldWord,
  guestLabels,
  type EntityKey,
  type PlanDiff,
  type PlanState,
} from '@seatfold/domain/core';
import { groupHistory, type HistoryEntry, type WireEvent } from '@seatfold/sync';
import { createNextState as produce } from '@reduxjs/toolkit';
import { actorKey, type ActorMeta } from './actors.ts';
import { floorDiffLines } from './diff-floor.ts';
import { planDiffLines } from './diff-plan.ts';
import { formatCount } from './format.ts';

/**
 * Pure timeline logic: grouping events into entries incrementally (as pages and live events arrive), the human
 * sentence of an entry, "who" for a diff, and look-ups by version. No React, no store.
 */

/** Extends `entries` with events that continue them (see groupHistory). Mutates and returns `entries`. */
export const appendGroups = (entries: HistoryEntry[], events: readonly WireEvent[]): HistoryEntry[] => groupHistory(events, entries);

/** Index of the entry whose versions include `version` (binary search), or -1 (version 0, or not loaded). */
export function entryIndexAt(entries: readonly HistoryEntry[], version: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid]!;
    if (version < e.firstVersion) hi = mid - 1;
    else if (version > e.lastVersion) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export interface BatchLabel {
  kind: string;
  label: string;
  /** an undo's (or redo's) target command (its summary's undoOf), when known */
  undoOf?: string;
}

/**
 * What an entry did, as sentences with names as they were just before each event ("moved Anna Müller from
 * table 12 to table 7"). At most `max` events are described; `more` says how many were left out.
 */
export function entrySentences(entry: HistoryEntry, before: PlanState, max = 3): { sentences: string[]; more: number } {
  const sentences: string[] = [];
  const shown = entry.events.slice(0, max);
  // Each event is described on a finished state, not a draft: naming a guest reads every guest (guestLabel), which
  // on a draft would make a proxy of each.
  let state = before;
  shown.forEach((e, i) => {
    sentences.push(describeEvent(e.event, state));
    if (i < shown.length - 1) state = produce(state, (d) => void evolve(d, e.event));
  });
  return { sentences, more: entry.events.length - shown.length };
}

/** "Ann moved Anna Müller from table 12 to table 7" — or, for a batch, its label and size. `who` is the name shown. */
export function entrySentence(entry: HistoryEntry, before: PlanState, batch?: BatchLabel | null, who: string = entry.actor): string {
  return `${who} ${changeWords(entry, before, batch)}`;
}

/**
 * What an entry did, without who: "moved Anna Müller from table 12 to table 7", "ran “Guest import: guests.xlsx”
 * (1,500 edits)". The timeline puts who in front (entrySentence); the Undo and Redo buttons say it as it is.
 */
export function changeWords(entry: HistoryEntry, before: PlanState, batch?: BatchLabel | null): string {
  const n = entry.events.length;
  // An undo (or redo) of a few events says what it took back, as its label names it: "undid: seated Anna Müller at
  // table 7" (its own events read the other way round: "took Anna Müller off table 7"). One labelled before undos
  // had words says what it did: "undid a change: took Anna Müller off table 7".
  if (batch?.kind === 'undo' && n <= 3) {
    const named = undoText(batch);
    return named === `${undoVerb(batch)} a change` ? `${named}: ${entrySentences(entry, before).sentences.join('; ')}` : named;
  }
  if (entry.batchId && (batch || n > 3)) {
    const what = batch ? batchText(batch) : entry.firstVersion === 1 ? 'set up the plan' : 'made a batch of changes';
    return `${what} (${formatCount(n)} ${n === 1 ? 'edit' : 'edits'})`;
  }
  const events = entry.events.map((e) => e.event);
  const one = describePartySeating(events, before) ?? describeRemoval(events, before);
  if (one) return one;
  const { sentences, more } = entrySentences(entry, before);
  const text = sentences.join('; ');
  return `${text}${more ? ` and ${formatCount(more)} more ${more === 1 ? 'edit' : 'edits'}` : ''}`;
}

function batchText(b: BatchLabel): string {
  const label = b.label.trim();
  switch (b.kind) {
    case 'undo':
      return undoText(b);
    case 'restore':
      return label ? lowerFirst(label) : 'restored something as it was';
    case 'revert':
      // The server labels a revert "Revert of “<batch>”": the entry reads "reverted “<batch>”".
      return label ? `reverted ${label.replace(/^Revert of /, '')}` : 'reverted a batch';
    case 'setup':
      return 'set up the plan';
    default:
      return label ? `ran “${label}”` : `ran a ${b.kind}`;
  }
}

/**
 * A redo is stored as an undo of an undo, labelled "Redo" (older ones say "Undo"); since undos are named after what
 * they take back, "Undo of “Guest import: guests.xlsx”" or "Redo: seated Ben at table 12".
 */
const undoVerb = (b: BatchLabel) => (b.label.startsWith('Redo') ? 'redid' : 'undid');

/** "undid “Guest import: guests.xlsx”", "redid: seated Ben at table 12", or (a plain label) "undid a change". */
function undoText(b: BatchLabel): string {
  const rest = b.label.trim().replace(/^(Undo|Redo)/, '');
  if (rest.startsWith(' of ')) return `${undoVerb(b)} ${rest.slice(4)}`;
  if (rest.startsWith(': ')) return `${undoVerb(b)}: ${rest.slice(2)}`;
  return `${undoVerb(b)} a change`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * Who changed what between two points: people (by actor id, shown by `nameOf`) with their number of events, and per
 * entity the names of the people who changed it. Two people of the same name stay two entries.
 */
export function diffActors(
  events: readonly WireEvent[],
  nameOf: (m: ActorMeta) => string = (m) => m.actor,
): {
  actors: { actor: string; actorId: string | null; events: number }[];
  byEntity: Map<EntityKey, string[]>;
  /** per `<key>#<aspect>` (the domain's aspectsChanged): who changed that aspect of a guest, table, room, physical table, fixture or rule */
  byAspect: Map<string, string[]>;
} {
  const actors = new Map<string, { actor: string; actorId: string | null; events: number }>();
  const byEntityKeys = new Map<EntityKey, Map<string, string>>();
  const byAspectKeys = new Map<string, Map<string, string>>();
  const credit = <K>(book: Map<K, Map<string, string>>, k: K, key: string, name: string) => {
    const people = book.get(k) ?? book.set(k, new Map()).get(k)!;
    if (!people.has(key)) people.set(key, name);
  };
  for (const e of events) {
    const key = actorKey(e.meta);
    const who = actors.get(key) ?? actors.set(key, { actor: nameOf(e.meta), actorId: e.meta.actorId, events: 0 }).get(key)!;
    who.events++;
    for (const k of changedBy(e.event)) credit(byEntityKeys, k, key, who.actor);
    for (const k of aspectsChanged(e.event)) credit(byAspectKeys, k, key, who.actor);
  }
  const names = <K>(book: Map<K, Map<string, string>>) => new Map<K, string[]>([...book].map(([k, people]) => [k, [...people.values()]]));
  return {
    actors: [...actors.values()].sort((a, b) => b.events - a.events || a.actor.localeCompare(b.actor)),
    byEntity: names(byEntityKeys),
    byAspect: names(byAspectKeys),
  };
}

export interface DiffLine {
  key: EntityKey;
  text: string;
  by: string[];
}

/**
 * The diff as lines for people: the plan's own settings (planDiffLines), "Anna Müller: table 12 → table 7 (by Ann)",
 * then the venue's and the rules' lines (floorDiffLines). Names from the later state, else the earlier. Each line is credited to who changed what it shows (`byAspect`: a rename to the renamer, a move to the
 * mover), falling back to everybody who touched the guest or table.
 */
export function diffLines(
  d: PlanDiff,
  a: PlanState,
  b: PlanState,
  byEntity: Map<EntityKey, string[]>,
  byAspect: Map<string, string[]> = new Map(),
): DiffLine[] {
  // Every guest's label at once, per state and only when needed: guestLabel reads all guests for one label, which
  // per line of a comparison of 1,500 edited guests cost a third of a second per scrubber step.
  let [labelsA, labelsB]: (Map<string, string> | null)[] = [null, null];
  const label = (id: string) => (labelsB ??= guestLabels(b.guests)).get(id) ?? (labelsA ??= guestLabels(a.guests)).get(id);
  const guestName = (id: string) => label(id) ?? 'a guest';
  const tableName = (id: string | null) => (id === null ? 'no table' : `table ${entity(b.tables, id)?.name ?? entity(a.tables, id)?.name ?? '?'}`);
  const physical = (id: string | null) =>
    id === null ? 'not placed' : (entity(b.physicalTables, id)?.label ?? entity(a.physicalTables, id)?.label ?? '?');
  const out: DiffLine[] = [];
  const line = (key: EntityKey, text: string, aspects: string[]) => {
    const by = new Set(aspects.flatMap((x) => byAspect.get(`${key}#${x}`) ?? []));
    out.push({ key, text, by: by.size > 0 ? [...by] : (byEntity.get(key) ?? []) });
  };
  planDiffLines(d, a, b, line);
  for (const m of d.guestsMoved) line(`guest:${m.guestId}`, `${guestName(m.guestId)}: ${tableName(m.from)} → ${tableName(m.to)}`, ['seat']);
  for (const id of d.guestsAdded)
    line(`guest:${id}`, `${guestName(id)} added${entity(b.guests, id)?.tableId ? ` at ${tableName(entity(b.guests, id)!.tableId)}` : ''}`, [
      'exists',
      'seat',
    ]);
  for (const id of d.guestsRemoved) line(`guest:${id}`, `${guestName(id)} removed`, ['exists']);
  for (const g of d.guestsEdited) line(`guest:${g.guestId}`, `${guestName(g.guestId)}: changed ${g.fields.map(fieldWord).join(', ')}`, g.fields);
  for (const id of d.tablesAdded) line(`table:${id}`, `${tableName(id)} added`, ['exists']);
  for (const id of d.tablesRemoved) line(`table:${id}`, `${tableName(id)} removed`, ['exists']);
  for (const t of d.tablesChanged) {
    const x = entity(a.tables, t.tableId)!; // the diff lists only tables in both states
    const y = entity(b.tables, t.tableId)!;
    const parts = t.fields.map((f) => {
      if (f === 'locked') return y.locked ? 'locked' : 'unlocked';
      if (f === 'physicalTableId') return `moved ${physical(x.physicalTableId)} → ${physical(y.physicalTableId)}`;
      if (f === 'seatOrder') return 'chairs reordered';
      const [was, is] = [x[f as 'name' | 'capacity' | 'vip'], y[f as 'name' | 'capacity' | 'vip']];
      const word = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));
      return `${fieldWord(f)} ${word(was)} → ${word(is)}`;
    });
    line(`table:${t.tableId}`, `${tableName(t.tableId)}: ${parts.join(', ')}`, t.fields);
  }
  floorDiffLines(d, a, b, line, label);
  return out;
}

/** Guests and tables to highlight on the board for a diff (tables whose guests changed count too). */
export function diffHighlights(d: PlanDiff): { guests: Set<string>; tables: Set<string> } {
  const guests = new Set<string>([...d.guestsAdded, ...d.guestsMoved.map((m) => m.guestId), ...d.guestsEdited.map((g) => g.guestId)]);
  const tables = new Set<string>([...d.tablesAdded, ...d.tablesChanged.map((t) => t.tableId)]);
  for (const m of d.guestsMoved) {
    if (m.from) tables.add(m.from);
    if (m.to) tables.add(m.to);
  }
  return { guests, tables };
}

/** Made at their first use: a page's first DateTimeFormat loads ICU's calendar data (~10 ms at load 6–9), which no first
 *  render needs. */
let formats: { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat; minute: Intl.DateTimeFormat; day: Intl.DateTimeFormat } | null = null;
const fmt = () =>
  (formats ??= {
    time: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    dateTime: new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }),
    minute: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
    day: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }),
  });

/** "6 Dec 2026, 01:09": when a batch was made or a member was last active, in the timeline's form without seconds. */
export const dayAndMinute = (at: number) => fmt().minute.format(new Date(at));

/** "14:03:12" today, "12 Mar 14:03:12" another day. */
export function shortTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const same = new Date(now).toDateString() === d.toDateString();
  const { time, day } = fmt();
  return same ? time.format(d) : `${day.format(d)} ${time.format(d)}`;
}

export const longTime = (at: number) => fmt().dateTime.format(new Date(at));

/** `?at=<version>` of a URL's search string, or null. */
export function parseAt(search: string): number | null {
  const raw = new URLSearchParams(search).get('at');
  if (raw === null || !/^\d{1,9}$/.test(raw)) return null;
  return Number(raw);
}

/** The version at the end of the entry before `version` (0 = the start), for stepping back one command. */
export function prevBoundary(entries: readonly HistoryEntry[], version: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  let best = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.lastVersion < version) {
      best = entries[mid]!.lastVersion;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** The version at the end of the entry after `version`, or null at the end, for stepping forward one command. */
export function nextBoundary(entries: readonly HistoryEntry[], version: number): number | null {
  let lo = 0;
  let hi = entries.length - 1;
  let best: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.lastVersion > version) {
      best = entries[mid]!.lastVersion;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return best;
}
