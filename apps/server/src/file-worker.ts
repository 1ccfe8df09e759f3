/**
 * A worker thread that makes the files people download: print pages (see file-jobs.ts) as PDF by pdfkit or PNG by
 * resvg, and the exports (.xlsx by exceljs, .csv). Drawing a big room takes a second or more of CPU and a workbook of
 * 1,500 guests most of one: neither may hold up the server's own thread (and every plan with it).
 */
import { parentPort } from 'node:worker_threads';
import type { SeatingModel } from '@seatfold/domain';
import { runInBackground } from './background.ts';
import { guestsCsv, seatingWorkbook, type CsvSeparator } from './exports.ts';
import type { PrintPage } from './floor/print-model.ts';
import { toPdf, toPng } from './floor/print-render.ts';

export type FileJob =
  | { format: 'pdf' | 'png'; pages: PrintPage[]; title: string }
  | { format: 'xlsx'; model: SeatingModel }
  | { format: 'csv'; model: SeatingModel; separator: CsvSeparator };
export type FileAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

runInBackground();
// The handler catches everything it can throw, so the promise it returns never rejects.
parentPort?.on('message', (job: FileJob) => void make(job));

async function build(job: FileJob): Promise<Uint8Array> {
  switch (job.format) {
    case 'png':
      return toPng(job.pages[0]!);
    case 'pdf':
      return toPdf(job.pages, job.title);
    case 'xlsx':
      return seatingWorkbook(job.model);
    case 'csv':
      return Buffer.from(guestsCsv(job.model, job.separator), 'utf8');
  }
}

async function make(job: FileJob) {
  try {
    const out = new Uint8Array(await build(job));
    parentPort!.postMessage({ ok: true, bytes: out } satisfies FileAnswer, [out.buffer]);
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: String((err as Error)?.stack ?? err) } satisfies FileAnswer);
  }
}
