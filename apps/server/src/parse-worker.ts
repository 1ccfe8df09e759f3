import { parentPort } from 'node:worker_threads';
import { runInBackground } from './background.ts';
import { parseSpreadsheet, UploadError } from './spreadsheet.ts';
import { pack, type PackedFile } from './spreadsheet/packed.ts';

/**
 * A parse worker (see parse-pool.ts): one job at a time, { id, data, fileName } in, the parsed file or the
 * planner's message out. Library details travel back as `log` lines only.
 */
export interface ParseJob {
  id: number;
  data: Uint8Array;
  fileName: string;
}
export type ParseAnswer =
  | { id: number; ok: true; parsed: PackedFile }
  | { id: number; ok: false; message: string; logs: string[] }
  | { id: number; log: string }
  | { ready: true };

runInBackground();
parentPort?.postMessage({ ready: true } satisfies ParseAnswer);

// The handler catches everything it can throw, so the promise it returns never rejects.
parentPort?.on('message', (job: ParseJob) => void parse(job));

async function parse(job: ParseJob) {
  const post = (a: ParseAnswer) => parentPort!.postMessage(a);
  try {
    const parsed = await parseSpreadsheet(job.data, job.fileName, (log) => post({ id: job.id, log }));
    const { file, transfer } = pack(parsed);
    parentPort!.postMessage({ id: job.id, ok: true, parsed: file } satisfies ParseAnswer, transfer);
  } catch (err) {
    // parseSpreadsheet throws only UploadErrors; anything else is a bug here, still not for the planner's eyes
    if (err instanceof UploadError) post({ id: job.id, ok: false, message: err.message, logs: [] });
    else
      post({
        id: job.id,
        ok: false,
        message: 'The file could not be read. Save it again as .xlsx or .csv and retry.',
        logs: [String((err as Error)?.stack ?? err)],
      });
  }
}
