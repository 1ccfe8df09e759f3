/**
 * A worker thread that makes the files people download: print pages laid out and drawn as PDF by pdfkit or PNG by
 * resvg, and the exports (.xlsx by exceljs, .csv, .json). Drawing a big room takes a second or more of CPU and a
 * workbook of 1,500 guests most of one: neither may hold up the server's own thread (and every plan with it).
 */
import { deserialize } from 'node:v8';
import { inflateSync } from 'node:zlib';
import { parentPort } from 'node:worker_threads';
import { seatingModel, type PlanState } from '@seatfold/domain';
import { runInBackground } from './background.ts';
import { guestsCsv, seatingWorkbook, type CsvSeparator } from './exports.ts';
import { printMeasure } from './floor/print-fonts.ts';
import { printPages, type PrintImage } from './floor/print-model.ts';
import { toPdf, toPng } from './floor/print-render.ts';

/**
 * What to make, from the plan's state as `v8.serialize` wrote it on the server's thread (file-jobs.ts `stateBytes`,
 * moved here, not copied): laying out pages or building the export model from it is the worker's work too — on a
 * big plan it took the server's thread for seconds.
 */
export type FileJob =
  | { format: 'pdf' | 'png'; state: Uint8Array; roomIds: string[]; names: boolean; images: [string, PrintImage][]; title: string }
  | { format: 'xlsx' | 'json'; state: Uint8Array; planName: string }
  | { format: 'csv'; state: Uint8Array; planName: string; separator: CsvSeparator };
export type FileAnswer = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

runInBackground();
// The handler catches everything it can throw, so the promise it returns never rejects.
parentPort?.on('message', (job: FileJob) => void make(job));

async function build(job: FileJob): Promise<Uint8Array> {
  const state = deserialize(job.state) as PlanState;
  switch (job.format) {
    case 'png':
    case 'pdf': {
      const measure = await printMeasure();
      const draw = (images: Map<string, PrintImage>) => {
        const pages = printPages(state, job.roomIds, job.names, images, measure);
        return job.format === 'png' ? toPng(pages[0]!) : toPdf(pages, job.title);
      };
      // A background whose header read well and whose pixels do not (a damaged file) is left out: pdfkit would fail
      // on it from a zlib callback, past any catch, and the plan would never print.
      return draw(new Map(job.images.filter(([, image]) => pixelsReadable(image))));
    }
    case 'xlsx':
      return seatingWorkbook(seatingModel(state, job.planName));
    case 'csv':
      return Buffer.from(guestsCsv(seatingModel(state, job.planName), job.separator), 'utf8');
    case 'json':
      return Buffer.from(JSON.stringify(seatingModel(state, job.planName)), 'utf8');
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

/**
 * Whether a background's pixels can be read: a PNG's image data must inflate whole, to as many bytes as its header's
 * size and colour type need (MAX_IMAGE_PIXELS bounds that at upload). A JPEG is embedded as it is, not decoded.
 */
function pixelsReadable(image: PrintImage): boolean {
  const b = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
  if (b.length < 33 || b.readUInt32BE(0) !== 0x89504e47) return true;
  const [depth, colour, interlaced] = [b[24]!, b[25]!, b[28]!];
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colour] ?? 4;
  const row = 1 + Math.ceil((image.width * channels * depth) / 8);
  const data: Buffer[] = [];
  for (let at = 8; at + 8 <= b.length;) {
    const length = b.readUInt32BE(at);
    if (b.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(b.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  try {
    const pixels = inflateSync(Buffer.concat(data), { maxOutputLength: image.height * row * 2 });
    // (an interlaced image's passes add a few filter bytes: it only has to inflate)
    return interlaced !== 0 || pixels.length >= image.height * row;
  } catch {
    return false;
  }
}
