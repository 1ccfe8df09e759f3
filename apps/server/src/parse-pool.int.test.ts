import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKGROUND_NICE } from './background.ts';
import { ParsePool, TOO_COMPLEX } from './parse-pool.ts';
import { rowsOf } from './spreadsheet/packed.ts';
import { UploadError } from './spreadsheet.ts';
import { workbook } from './upload-fixtures.ts';
import { waitFor } from './testing.ts';

const pools: ParsePool[] = [];
const pool = (o: Partial<ParsePool['options']>) => {
  const p = new ParsePool({
    workers: 1,
    queue: 4,
    timeoutMs: 60_000,
    maxOldGenerationMb: 256,
    youngGenerationMb: 32,
    idleMs: 60_000,
    retryAfterSec: 7,
    perPlan: 100,
    ...o,
  });
  pools.push(p);
  return p;
};
afterAll(() => Promise.all(pools.map((p) => p.close())));

const small = Buffer.from('Name,Tisch\nAnna,1\n');
const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the parse to fail');
    },
    (e: unknown) => e as UploadError,
  );

/** This process's threads and their nice values (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNices(): Map<number, number> {
  const nices = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return nices;
}

describe('the parse pool', () => {
  it('parses at background priority: its worker thread is niced, the server thread is not', async () => {
    const niced = () => [...threadNices().values()].filter((n) => n === BACKGROUND_NICE).length;
    const mainBefore = threadNices().get(process.pid);
    const before = niced();
    await pool({}).parse(small, 's.csv');
    expect(niced()).toBe(before + 1);
    expect(threadNices().get(process.pid)).toBe(mainBefore);
    expect(mainBefore).not.toBe(BACKGROUND_NICE);
  });

  it('parses in a worker thread and answers the parsed file', async () => {
    const p = pool({});
    const parsed = await p.parse(workbook(30, 4), 'w.xlsx');
    expect(parsed.sheets[0]!.rowCount).toBe(29);
    expect(rowsOf(parsed.sheets[0]!)).toHaveLength(29);
    expect(rowsOf(parsed.sheets[0]!)[0]!.cells).toEqual(['g2-0', 'g2-1', 'g2-2', 'g2-3']);
    // a planner's problem comes back as the planner's message
    expect((await failure(p.parse(Buffer.from('%PDF-1.4'), 'x.xlsx'))).message).toMatch(/PDF/);
  });

  it('runs at most `workers` parses with a bounded queue and refuses beyond it as busy, retryable (503)', async () => {
    const p = pool({ workers: 1, queue: 1 });
    // small: the refusals are decided when a parse is asked for, before any of them has started
    const book = workbook(100, 10, { sameRows: true });
    const first = p.parse(book, 'a.xlsx');
    const second = p.parse(book, 'b.xlsx');
    const refused = await failure(p.parse(book, 'c.xlsx'));
    expect(refused).toBeInstanceOf(UploadError);
    expect(refused).toMatchObject({ status: 503, retryAfterSec: 7 });
    expect(refused.message).toMatch(/try again in 7 seconds/);
    expect(p.running + p.queued).toBe(2);
    expect(rowsOf((await first).sheets[0]!)).toHaveLength(99);
    expect(rowsOf((await second).sheets[0]!)).toHaveLength(99);
  });

  it('ends a worker that has been idle for `idleMs`, giving its memory back; the next upload starts a fresh one', async () => {
    const p = pool({ idleMs: 300 });
    const book = workbook(2_000, 10, { sameRows: true });
    // back to back, the worker stays: its idle time starts only when it has nothing to do
    for (let i = 0; i < 3; i++) expect((await p.parse(book, `b${i}.xlsx`)).sheets[0]!.rowCount).toBe(1_999);
    expect(p.workers).toBe(1);
    await waitFor('the idle worker to be ended', () => p.workers === 0);
    expect(p.replaced).toBe(0); // ended, not replaced after a failure
    expect(rowsOf((await p.parse(small, 'next.csv')).sheets[0]!)[0]!.cells).toEqual(['Anna', '1']);
    expect(p.workers).toBe(1);
  });

  it('lets one plan have at most `perPlan` parses running or waiting, so the others still get theirs', async () => {
    const p = pool({ workers: 1, queue: 4, perPlan: 2 });
    // small: the refusals are decided when a parse is asked for, before any of them has started
    const book = workbook(100, 10, { sameRows: true });
    const mine = [p.parse(book, 'a.xlsx', undefined, 'plan-a'), p.parse(book, 'b.xlsx', undefined, 'plan-a')];
    const refused = await failure(p.parse(book, 'c.xlsx', undefined, 'plan-a'));
    expect(refused).toMatchObject({ status: 503, retryAfterSec: 7 });
    expect(refused.message).toMatch(/^This plan already has 2 spreadsheets being read\. Please try again in 7 seconds\.$/);
    // another plan is not refused for it
    const theirs = p.parse(book, 'd.xlsx', undefined, 'plan-b');
    for (const r of await Promise.all([...mine, theirs])) expect(r.sheets[0]!.rowCount).toBe(99);
    // once they are read (or refused: a failure gives its place back too), the plan may upload again
    expect((await failure(p.parse(Buffer.from('%PDF-1.4'), 'x.xlsx', undefined, 'plan-a'))).message).toMatch(/PDF/);
    const again = [p.parse(book, 'e.xlsx', undefined, 'plan-a'), p.parse(small, 'f.csv', undefined, 'plan-a')];
    expect((await Promise.all(again)).map((r) => r.sheets[0]!.rowCount)).toEqual([99, 1]);
  });

  it('terminates a parse that overruns its time, gives the planner the clear message, and the next upload works', async () => {
    const p = pool({});
    await p.parse(small, 'warm.csv'); // the worker is up: the limit now counts parsing only
    // 300 ms for the slow parse only: far below this 300,000-cell workbook's 0.8–3 s (with 1 s a quiet machine once
    // parsed it in time). The small parses around it keep the generous limit: on a busy machine (load 15+) a thread
    // can wait longer than 300 ms for a core, and a small CSV once overran it there.
    p.options.timeoutMs = 300;
    const logs: string[] = [];
    const err = await failure(p.parse(workbook(15_000, 20, { sameRows: true }), 'slow.xlsx', (m) => logs.push(m)));
    expect(err.message).toBe(TOO_COMPLEX);
    expect(err.message).toMatch(/too large or complex to read here: .*split it.*\.csv/);
    expect(logs.join('\n')).toMatch(/overran 300 ms/);
    expect(p.replaced).toBe(1);
    p.options.timeoutMs = 60_000;
    expect(rowsOf((await p.parse(small, 'next.csv')).sheets[0]!)[0]!.cells).toEqual(['Anna', '1']);
  });

  it('a worker that runs out of its own memory dies alone: clear message, the server lives, the next upload works', async () => {
    const p = pool({ maxOldGenerationMb: 48 });
    const logs: string[] = [];
    const err = await failure(p.parse(workbook(15_000, 20, { sameRows: true }), 'huge.xlsx', (m) => logs.push(m)));
    expect(err.message).toBe(TOO_COMPLEX);
    expect(logs.join('\n')).toMatch(/huge\.xlsx/);
    expect(p.replaced).toBe(1);
    expect(rowsOf((await p.parse(small, 'next.csv')).sheets[0]!)[0]!.cells).toEqual(['Anna', '1']);
  });
});
