import { entity } from '../ids.ts';
import type { Command } from '../commands.ts';
import { decide } from '../decide.ts';
import { evolve } from '../evolve.ts';
import { cloneState, type LogicalTable, type PhysicalTable, type PlanState } from '../model.ts';
import { cleanCell, matchKey, tableKey } from './normalize.ts';
import type { DrawColumn } from './columns.ts';
import type { SheetRow } from './guests.ts';
import { tableOn } from '../where.ts';
import { finish, type Steps } from '../steps.ts';

export { guessDrawColumns, type DrawColumn } from './columns.ts';

export type DrawRowStatus = 'place' | 'unchanged' | 'kept' | 'blank' | 'excluded' | 'error';

export interface DrawRow {
  rowNumber: number;
  table: string;
  physical: string;
  room: string;
  status: DrawRowStatus;
  /** for 'place': "B-03 (Grand Ballroom)"; for 'kept'/'error'/'blank': why */
  note: string;
  tableId: string | null;
  physicalTableId: string | null;
}

export interface DrawPlan {
  rows: DrawRow[];
  /** VIP or locked tables the draw leaves exactly as they are — listed, listed blank, or not in the file */
  keptVipOrLocked: { tableId: string; name: string; why: string }[];
  errors: number;
  /** problems that stop the apply: errors in rows that are not excluded, or a mapping without its columns */
  blocking: string[];
  commands: Command[];
}

/**
 * Plans a table draw: the file maps logical tables onto physical tables. The rule the seed incident taught us:
 * VIP and locked tables are never changed by a draw — whether the file omits them, lists them blank or lists
 * them with another table. Blank cells never unplace a table either. Unknown tables, a physical table drawn twice,
 * a table listed twice, a physical table held by a table the draw doesn't move, and anything decide refuses are
 * errors that block the apply until their rows are fixed or excluded (`exclude`: row numbers).
 */
export function planTableDraw(
  state: PlanState,
  rows: SheetRow[],
  columns: (DrawColumn | null)[],
  exclude: ReadonlySet<number> = new Set(),
): DrawPlan {
  return finish(planTableDrawSteps(state, rows, columns, exclude));
}

/** Rows (and tables placed) between two yields of planTableDrawSteps. */
const ROWS_A_STEP = 500;

/** planTableDraw as Steps (20,000 rows take ~0.1 s): it yields every ROWS_A_STEP rows; the state must not change meanwhile. */
export function* planTableDrawSteps(
  state: PlanState,
  rows: SheetRow[],
  columns: (DrawColumn | null)[],
  exclude: ReadonlySet<number> = new Set(),
): Steps<DrawPlan> {
  const ti = columns.indexOf('table');
  const pi = columns.indexOf('physical');
  const ri = columns.indexOf('room');
  const blocking: string[] = [];
  if (ti < 0) blocking.push('Choose which column holds the logical table.');
  if (pi < 0) blocking.push('Choose which column holds the drawn physical table.');

  const tables = new Map<string, LogicalTable>(Object.values(state.tables).map((t) => [tableKey(t.name), t]));
  const physicals = new Map<string, PhysicalTable[]>();
  for (const p of Object.values(state.physicalTables)) {
    const k = matchKey(p.label);
    physicals.set(k, [...(physicals.get(k) ?? []), p]);
  }
  const roomName = (p: PhysicalTable) => entity(state.rooms, p.roomId)?.name ?? '';
  const protectedWhy = (t: LogicalTable) => (t.vip && t.locked ? 'VIP, locked' : t.vip ? 'VIP' : 'locked');

  const out: DrawRow[] = [];
  const kept = new Map<string, { tableId: string; name: string; why: string }>();
  const tableRow = new Map<string, number>();
  const physicalRow = new Map<string, number>();
  const wanted = new Map<string, { row: DrawRow; physical: PhysicalTable }>();

  for (const [i, r] of rows.entries()) {
    if (i > 0 && i % ROWS_A_STEP === 0) yield;
    if (r.cells.every((c) => cleanCell(c) === '')) continue;
    const cell = (i: number) => (i >= 0 ? cleanCell(r.cells[i] ?? '') : '');
    const row: DrawRow = {
      rowNumber: r.rowNumber,
      table: cell(ti),
      physical: cell(pi),
      room: cell(ri),
      status: 'error',
      note: '',
      tableId: null,
      physicalTableId: null,
    };
    out.push(row);
    const error = (note: string) => void ((row.status = 'error'), (row.note = note));
    if (blocking.length) {
      error('columns not chosen');
      continue;
    }
    if (!row.table) {
      error(row.physical ? 'no logical table given' : 'empty row');
      continue;
    }
    const t = tables.get(tableKey(row.table));
    if (!t) {
      error(`table “${row.table}” does not exist`);
      continue;
    }
    row.tableId = t.id;
    if (tableRow.has(t.id)) {
      error(`table ${t.name} is listed again (first in row ${tableRow.get(t.id)})`);
      continue;
    }
    tableRow.set(t.id, r.rowNumber);
    if (t.vip || t.locked) {
      row.status = 'kept';
      row.note = `${protectedWhy(t)}: left as it is`;
      kept.set(t.id, { tableId: t.id, name: t.name, why: protectedWhy(t) });
      continue;
    }
    if (!row.physical) {
      row.status = 'blank';
      row.note = 'no physical table drawn: left as it is';
      continue;
    }
    const candidates = (physicals.get(matchKey(row.physical)) ?? []).filter((p) => !row.room || matchKey(roomName(p)) === matchKey(row.room));
    if (candidates.length === 0) {
      const elsewhere = physicals.get(matchKey(row.physical));
      error(
        elsewhere?.length
          ? `physical table ${row.physical} is in ${roomName(elsewhere[0]!)}, not ${row.room}`
          : `physical table “${row.physical}” does not exist`,
      );
      continue;
    }
    if (candidates.length > 1) {
      error(`several physical tables are labelled ${row.physical}: add the room`);
      continue;
    }
    const p = candidates[0]!;
    row.physicalTableId = p.id;
    if (physicalRow.has(p.id)) {
      error(`physical table ${p.label} is drawn twice (also in row ${physicalRow.get(p.id)})`);
      continue;
    }
    physicalRow.set(p.id, r.rowNumber);
    if (exclude.has(r.rowNumber)) {
      row.status = 'excluded';
      row.note = 'excluded from this draw';
      continue;
    }
    if (t.physicalTableId === p.id) {
      row.status = 'unchanged';
      row.note = `already on ${p.label}`;
      continue;
    }
    row.status = 'place';
    row.note = `${p.label} (${roomName(p)})`;
    wanted.set(t.id, { row, physical: p });
  }

  // A physical table can only take a new table if whoever stands on it now moves away in this same draw.
  for (const { row, physical } of wanted.values()) {
    const holder = tableOn(state, physical.id);
    if (holder && !wanted.has(holder.id)) {
      row.status = 'error';
      row.note =
        holder.vip || holder.locked
          ? `${physical.label} holds ${protectedWhy(holder)} table ${holder.name}, which a draw never moves`
          : `${physical.label} holds table ${holder.name}, which this draw does not move`;
    }
  }

  // Unplace every table that moves, then place them: swaps and rotations work in any order.
  const moving = [...wanted.values()].filter(({ row }) => row.status === 'place');
  const commands: Command[] = [];
  yield;
  const work = cloneState(state);
  yield;
  const run = (c: Command, row: DrawRow) => {
    const d = decide(work, c);
    if (!d.ok) {
      row.status = 'error';
      row.note = d.error.message;
      return false;
    }
    for (const e of d.events) evolve(work, e);
    commands.push(c);
    return true;
  };
  for (const [i, { row }] of moving.entries()) {
    if (i > 0 && i % ROWS_A_STEP === 0) yield;
    if (entity(state.tables, row.tableId)?.physicalTableId) run({ type: 'unmapTable', tableId: row.tableId! }, row);
  }
  for (const [i, { row }] of moving.entries()) {
    if (i > 0 && i % ROWS_A_STEP === 0) yield;
    if (row.status === 'place') run({ type: 'mapTable', tableId: row.tableId!, physicalTableId: row.physicalTableId! }, row);
  }

  for (const t of Object.values(state.tables)) {
    if ((t.vip || t.locked) && !kept.has(t.id)) kept.set(t.id, { tableId: t.id, name: t.name, why: `${protectedWhy(t)}, not in the file` });
  }
  // Rows the planner chose to exclude never block, whatever was wrong with them.
  for (const r of out) {
    if (r.status === 'error' && exclude.has(r.rowNumber)) {
      r.status = 'excluded';
      r.note = `excluded (${r.note})`;
    }
  }
  const errors = out.filter((r) => r.status === 'error').length;
  if (errors > 0) blocking.push(`${errors} row${errors === 1 ? '' : 's'} with errors: fix the file or exclude ${errors === 1 ? 'it' : 'them'}.`);
  return { rows: out, keptVipOrLocked: [...kept.values()], errors, blocking, commands: blocking.length ? [] : commands };
}
