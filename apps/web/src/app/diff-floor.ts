import {
  capital,
  changesText,
  entity,
  fieldWord,
  fixturesOf,
  floorItemName,
  rulesOf,
  ruleText,
  type EntityKey,
  type GuestLabelOf,
  type PhysicalTable,
  type PlanDiff,
  type PlanState,
  type Room,
} from '@seatfold/domain/core';

/** Adds one line of a comparison: what it is about, its text, and the aspects whose changers it is credited to. */
export type DiffLineSink = (key: EntityKey, text: string, aspects: string[]) => void;

/**
 * The lines of a comparison about the venue and the rules — rooms, physical tables, fixtures and seating rules — in
 * the words the timeline uses for them ("Room Terrace renamed Sky Terrace", "Physical table G-07: seats 10 → 12",
 * "Table “12” (G-07) moved on the floor", "Bar “Main bar” added in Garden Hall", "Rule added: keep …"). `a` is the
 * earlier state, `b` the later; `label` names guests from labels read once for the whole comparison.
 */
export function floorDiffLines(d: PlanDiff, a: PlanState, b: PlanState, line: DiffLineSink, label: GuestLabelOf): void {
  const roomIn = (s: PlanState, id: string) => entity(s.rooms, id)?.name ?? 'a removed room';
  for (const id of d.roomsChanged) roomLines(`room:${id}`, entity(a.rooms, id), entity(b.rooms, id), line);
  const moved = new Set(d.physicalTablesMoved);
  for (const id of d.physicalTablesChanged) {
    const key: EntityKey = `physical:${id}`;
    const [p, q] = [entity(a.physicalTables, id), entity(b.physicalTables, id)];
    if (!p && q) line(key, `Physical table ${q.label} added in ${roomIn(b, q.roomId)}`, ['exists']);
    else if (p && !q) line(key, `Physical table ${p.label} removed from ${roomIn(a, p.roomId)}`, ['exists']);
    else if (p && q) {
      if (p.label !== q.label) line(key, `Physical table ${p.label} relabelled ${q.label}`, ['label']);
      const fields = physicalChanges(p, q, a, b);
      if (fields.text) line(key, `Physical table ${q.label}: ${fields.text}`, fields.aspects);
      const where = moved.has(id) ? floorMove(p, q) : null;
      if (where) line(key, `${capital(floorItemName(b, q))} ${where}`, ['position']);
    }
  }
  const [fa, fb] = [fixturesOf(a), fixturesOf(b)];
  for (const id of d.fixturesChanged) {
    const key: EntityKey = `fixture:${id}`;
    const [p, q] = [entity(fa, id), entity(fb, id)];
    if (!p && q) line(key, `${capital(floorItemName(b, q))} added in ${roomIn(b, q.roomId)}`, ['exists']);
    else if (p && !q) line(key, `${capital(floorItemName(a, p))} removed from ${roomIn(a, p.roomId)}`, ['exists']);
    else if (p && q) {
      const fields = (['label', 'widthM', 'depthM'] as const).filter((f) => p[f] !== q[f]);
      const pick = (f: typeof p) => Object.fromEntries(fields.map((k) => [k, f[k]]));
      if (fields.length) line(key, `${capital(floorItemName(b, q))}: ${changesText(pick(q), pick(p), a, b)}`, fields);
      const where = floorMove(p, q);
      if (where) line(key, `${capital(floorItemName(b, q))} ${where}`, ['position']);
    }
  }
  const [ra, rb] = [rulesOf(a), rulesOf(b)];
  for (const id of d.rulesChanged) {
    const [p, q] = [entity(ra, id), entity(rb, id)];
    // A rule is added or removed, never edited.
    if (!p && q) line(`rule:${id}`, `Rule added: ${ruleText(b, q, label)}`, ['exists']);
    else if (p && !q) line(`rule:${id}`, `Rule removed: ${ruleText(a, p, label)}`, ['exists']);
  }
}

const metres = (n: number) => Math.round(n * 100) / 100;
const sizeText = (r: Room) => (r.widthM !== undefined && r.depthM !== undefined ? `${metres(r.widthM)} × ${metres(r.depthM)} m` : 'not set');

function roomLines(key: EntityKey, p: Room | undefined, q: Room | undefined, line: DiffLineSink) {
  if (!p && q) return line(key, `Room ${q.name} added`, ['exists']);
  if (p && !q) return line(key, `Room ${p.name} removed`, ['exists']);
  if (!p || !q) return;
  if (p.name !== q.name) line(key, `Room ${p.name} renamed ${q.name}`, ['name']);
  if (sizeText(p) !== sizeText(q)) line(key, `Room ${q.name}: size ${sizeText(p)} → ${sizeText(q)}`, ['size']);
  if (JSON.stringify(p.background) !== JSON.stringify(q.background)) {
    const what = !p.background ? 'set' : !q.background ? 'removed' : 'moved';
    line(key, `Room ${q.name}: background plan ${what}`, ['background']);
  }
}

/** "seats 10 → 12, room Garden Hall → Terrace, accessible no → yes, shape round 1.8 × 1.8 m → oval 2.4 × 1.2 m" */
function physicalChanges(p: PhysicalTable, q: PhysicalTable, a: PlanState, b: PlanState): { text: string; aspects: string[] } {
  const fields = (['capacity', 'roomId'] as const).filter((f) => p[f] !== q[f]);
  const pick = (t: PhysicalTable) => Object.fromEntries(fields.map((k) => [k, t[k]]));
  const parts = fields.length ? [changesText(pick(q), pick(p), a, b)] : [];
  const aspects: string[] = [...fields];
  if (!!p.accessible !== !!q.accessible) {
    parts.push(`${fieldWord('accessible')} ${p.accessible ? 'yes' : 'no'} → ${q.accessible ? 'yes' : 'no'}`);
    aspects.push('accessible');
  }
  const shape = (t: PhysicalTable) => (t.shape ? `${t.shape} ${metres(t.widthM ?? 0)} × ${metres(t.depthM ?? 0)} m` : 'default');
  if (shape(p) !== shape(q)) {
    parts.push(`shape ${shape(p)} → ${shape(q)}`);
    aspects.push('shape');
  }
  return { text: parts.join(', '), aspects };
}

/** How something stands elsewhere on the floor: placed, taken off, turned or moved (null: where it stood). */
function floorMove(p: { x?: number; y?: number; rotation?: number }, q: { x?: number; y?: number; rotation?: number }): string | null {
  const [was, is] = [p.x !== undefined && p.y !== undefined, q.x !== undefined && q.y !== undefined];
  if (!was && !is) return null;
  if (!was) return 'placed on the floor';
  if (!is) return 'taken off the floor';
  if (p.x !== q.x || p.y !== q.y) return 'moved on the floor';
  return (p.rotation ?? 0) !== (q.rotation ?? 0) ? 'turned on the floor' : null;
}
