import type { PlanState } from '@seatfold/domain/core';
import type { SolveResult } from '@seatfold/solver';
import type { RuleNote } from '@seatfold/solver/plan';
import { useCallback, useEffect, useRef, useState } from 'react';
import { instanceFor, ranOutOfTime, TIME_LIMIT_MS, type AutoseatMode } from './preview.ts';
import type { SolveReply, SolveRequest } from './protocol.ts';
import type { ProposalScores } from './scores.ts';

/** A plan the worker proposed, with its preview scores. */
export interface Proposal {
  result: SolveResult;
  scores: ProposalScores;
}

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; mode: AutoseatMode; fraction: number; fingerprint: string; notes: RuleNote[]; best: Proposal | null }
  | { status: 'done'; mode: AutoseatMode; fingerprint: string; notes: RuleNote[]; result: SolveResult; scores: ProposalScores; stopped: boolean }
  | { status: 'error'; mode: AutoseatMode; message: string };

/**
 * One solver run at a time in a Web Worker: start(mode, plan, time budget), stop() (keeps the best plan the worker
 * has sent so far), reset(). The worker is terminated when a run ends, is stopped or the panel closes.
 */
export function useSolverRun() {
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);

  const end = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => end, [end]);

  const start = useCallback(
    (mode: AutoseatMode, state: PlanState, timeLimitMs: number = TIME_LIMIT_MS[mode]) => {
      end();
      const id = ++runId.current;
      let request: SolveRequest;
      let fingerprint: string;
      let notes: RuleNote[];
      try {
        const made = instanceFor(state, mode);
        fingerprint = made.fingerprint;
        notes = made.notes;
        request = { runId: id, instance: made.instance, timeLimitMs, scoring: made.scoring };
      } catch (err) {
        setRun({ status: 'error', mode, message: err instanceof Error ? err.message : String(err) });
        return;
      }
      const w = new Worker(new URL('./solver.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      setRun({ status: 'running', mode, fraction: 0, fingerprint, notes, best: null });
      w.onmessage = (event: MessageEvent<SolveReply>) => {
        const reply = event.data;
        if (reply.runId !== runId.current) return;
        if (reply.type === 'progress') setRun((r) => (r.status === 'running' ? { ...r, fraction: Math.max(r.fraction, reply.fraction) } : r));
        else if (reply.type === 'best') setRun((r) => (r.status === 'running' ? { ...r, best: { result: reply.result, scores: reply.scores } } : r));
        else {
          end();
          setRun(
            reply.type === 'done'
              ? { status: 'done', mode, fingerprint, notes, result: reply.result, scores: reply.scores, stopped: ranOutOfTime(reply.result) }
              : { status: 'error', mode, message: reply.message },
          );
        }
      };
      w.onerror = (event) => {
        if (id !== runId.current) return;
        end();
        setRun({
          status: 'error',
          mode,
          message: `The seating could not be worked out in this browser (${event.message || 'the worker failed to start'}). Reload the page and try again.`,
        });
      };
      w.postMessage(request);
    },
    [end],
  );

  const stop = useCallback(() => {
    end();
    runId.current++;
    setRun((r) => {
      if (r.status !== 'running') return r;
      if (r.best) return { status: 'done', mode: r.mode, fingerprint: r.fingerprint, notes: r.notes, ...r.best, stopped: true };
      return { status: 'error', mode: r.mode, message: 'Stopped before a first plan was ready. Run it again and let it work a moment longer.' };
    });
  }, [end]);

  const reset = useCallback(() => {
    end();
    runId.current++;
    setRun({ status: 'idle' });
  }, [end]);

  return { run, start, stop, reset };
}
