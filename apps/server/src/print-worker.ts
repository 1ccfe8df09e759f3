/**
 * A worker thread that draws print pages (see floor/print.ts): PDF by pdfkit, PNG by resvg. Drawing a big room
 * takes a second or more of CPU, which must never hold up the server's own thread (and every plan with it).
 */
import { parentPort } from 'node:worker_threads';
import { runInBackground } from './background.ts';
import type { PrintPage } from './floor/print-model.ts';
import { toPdf, toPng } from './floor/print-render.ts';

export interface PrintJob {
  format: 'pdf' | 'png';
  pages: PrintPage[];
  title: string;
}
export type PrintAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

runInBackground();
// The handler catches everything it can throw, so the promise it returns never rejects.
parentPort?.on('message', (job: PrintJob) => void print(job));

async function print(job: PrintJob) {
  try {
    const bytes = job.format === 'png' ? toPng(job.pages[0]!) : await toPdf(job.pages, job.title);
    const out = new Uint8Array(bytes);
    parentPort!.postMessage({ ok: true, bytes: out } satisfies PrintAnswer, [out.buffer]);
  } catch (err) {
    parentPort!.postMessage({ ok: false, message: String((err as Error)?.stack ?? err) } satisfies PrintAnswer);
  }
}
