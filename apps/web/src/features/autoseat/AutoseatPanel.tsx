import { newCommandId } from '@seatfold/sync';
import { SolverInputError } from '@seatfold/solver';
import { commandsForAssignment } from '@seatfold/solver/plan';
import { useId, useMemo, useState } from 'react';
import { sendOwnBatch } from '../../app/historyUndo.ts';
import { selectView } from '../../app/selectors.ts';
import { useAppSelector, useAppStore, useConnection } from '../../app/store.ts';
import { Dialog } from '../setup/Dialog.tsx';
import { unmarkedAccessNote } from './access.ts';
import { DepartmentSetting } from './DepartmentSetting.tsx';
import { batchLabel, buildPreview, isStale, MODE_LABEL, TIME_LIMIT_MS, type AutoseatMode } from './preview.ts';
import { PreviewView } from './PreviewView.tsx';
import { RulesList } from './RulesList.tsx';
import { bestSoFarText } from './terms.ts';
import { useSolverRun } from './useSolverRun.ts';
import './autoseat.css';

type Applied = { label: string } | null;

export function AutoseatPanel({ onClose }: { onClose: () => void }) {
  const store = useAppStore();
  const connection = useConnection();
  const counts = useAppSelector(
    (s) => {
      const v = selectView(s);
      const guests = Object.values(v.guests);
      return { guests: guests.length, unseated: guests.filter((g) => g.tableId === null).length, tables: Object.keys(v.tables).length };
    },
    (a, b) => a.guests === b.guests && a.unseated === b.unseated && a.tables === b.tables,
  );
  const accessNote = useAppSelector((s) => unmarkedAccessNote(selectView(s)));
  const { run, start, stop, reset } = useSolverRun();
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [applied, setApplied] = useState<Applied>(null);
  const budgetId = useId();

  const preview = useMemo(
    () => (run.status === 'done' ? buildPreview(store.getState().plan.view, run.result, run.scores, run.notes) : null),
    [run, store],
  );
  const [budget, setBudget] = useState<'auto' | number>('auto');

  const go = (mode: AutoseatMode) => {
    setError(null);
    setStale(false);
    setApplied(null);
    start(mode, store.getState().plan.view, budget === 'auto' ? TIME_LIMIT_MS[mode] : budget);
  };

  const apply = async () => {
    if (run.status !== 'done' || !preview) return;
    setError(null);
    const state = store.getState().plan.view;
    if (isStale(state, run.fingerprint)) return setStale(true);
    let commands;
    try {
      commands = commandsForAssignment(state, run.result.assignment);
    } catch (err) {
      if (err instanceof SolverInputError) return setStale(true);
      throw err;
    }
    if (!connection.current) return setError('The plan is not open yet. Wait a moment and try again.');
    const label = batchLabel(run.mode, preview);
    setApplying(true);
    try {
      const reply = await sendOwnBatch(connection.current, {
        commandId: newCommandId(),
        batchId: crypto.randomUUID(),
        kind: 'autoseat',
        label,
        commands,
      });
      if (reply.status === 'rejected') {
        const retry = reply.error.retryAfterMs ? ` Try again in ${Math.ceil(reply.error.retryAfterMs / 1000)} s.` : '';
        setError(`${reply.error.message}${retry}`);
      } else {
        setApplied({ label });
        reset();
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setApplying(false);
    }
  };

  const running = run.status === 'running';
  const nothingToSeat = counts.tables === 0 || counts.guests === 0;
  return (
    <Dialog
      title="Seat automatically"
      description="Works out a seating in your browser and shows it to you first; nothing changes until you apply it."
      onClose={onClose}
      testId="autoseat-panel"
      wide
    >
      <p data-testid="autoseat-counts">
        {counts.guests.toLocaleString()} {counts.guests === 1 ? 'guest' : 'guests'}, {counts.unseated.toLocaleString()} without a seat,{' '}
        {counts.tables} {counts.tables === 1 ? 'table' : 'tables'}.
      </p>
      {counts.tables === 0 ? (
        <p className="empty-state" data-testid="autoseat-empty">
          There are no tables yet: add tables first, then let Seatfold seat your guests.
        </p>
      ) : counts.guests === 0 ? (
        <p className="empty-state" data-testid="autoseat-empty">
          There are no guests yet: add or import guests first.
        </p>
      ) : counts.unseated === 0 ? (
        <p className="muted" data-testid="autoseat-all-seated">
          Everybody has a seat already. “Seat everybody” would work out a new arrangement; “Fix after changes” checks the plan and moves as few guests
          as it can.
        </p>
      ) : null}
      {accessNote && (
        <p className="notice notice--warn" data-testid="autoseat-access-note">
          {accessNote}
        </p>
      )}
      <DepartmentSetting />
      <p className="autoseat__budget">
        <label htmlFor={budgetId}>Time to spend</label>{' '}
        <select
          id={budgetId}
          data-testid="autoseat-budget"
          value={String(budget)}
          disabled={running}
          onChange={(e) => setBudget(e.target.value === 'auto' ? 'auto' : Number(e.target.value))}
        >
          <option value="auto">Quick (1 s; fix: 0.3 s)</option>
          <option value="5000">5 seconds</option>
          <option value="30000">30 seconds</option>
        </select>
      </p>
      <div className="autoseat__actions" role="group" aria-label="Work out a seating">
        <button
          type="button"
          className="button button--primary"
          data-testid="autoseat-seat"
          disabled={running || nothingToSeat}
          onClick={() => go('seat')}
        >
          {MODE_LABEL.seat}
        </button>
        <button type="button" className="button" data-testid="autoseat-fix" disabled={running || nothingToSeat} onClick={() => go('fix')}>
          {MODE_LABEL.fix}
        </button>
      </div>
      <p className="muted autoseat__hint">
        Seat everybody: a whole new plan within a second (guests at locked tables stay). Fix after changes: seats whoever has no seat and keeps
        everybody else where they are as far as it can.
      </p>
      {running && (
        <div className="autoseat__progress">
          <div
            className="autoseat__bar"
            role="progressbar"
            aria-label={`${MODE_LABEL[run.mode]}: working out the seating`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(run.fraction * 100)}
            data-testid="autoseat-progress"
          >
            <span style={{ width: `${Math.round(run.fraction * 100)}%` }} />
          </div>
          <p className="muted" role="status" data-testid="autoseat-best-so-far" data-score={run.best ? run.best.result.score.total : undefined}>
            {run.best ? bestSoFarText(run.best.result.score) : 'Working out a first plan…'}
          </p>
          <button type="button" className="button button--small" data-testid="autoseat-stop" onClick={stop}>
            Stop and keep the best plan so far
          </button>
        </div>
      )}
      {counts.guests > 0 && <RulesList />}
      {run.status === 'error' && (
        <p className="notice notice--error" role="alert" data-testid="autoseat-error">
          {run.message}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="autoseat-error">
          {error}
        </p>
      )}
      {applied && (
        <p className="setup-done" role="status" data-testid="autoseat-applied">
          Applied “{applied.label}”. To take it back, revert it under Export, import &amp; batches.
        </p>
      )}
      {run.status === 'done' && preview && (
        <PreviewView mode={run.mode} preview={preview} stopped={run.stopped}>
          {stale ? (
            <div className="notice notice--error" role="alert" data-testid="autoseat-stale">
              The plan changed since this proposal: run it again.{' '}
              <button type="button" className="button button--small" data-testid="autoseat-rerun" onClick={() => go(run.mode)}>
                Run {MODE_LABEL[run.mode]} again
              </button>
            </div>
          ) : (
            <div className="autoseat__actions">
              <button
                type="button"
                className="button button--primary"
                data-testid="autoseat-apply"
                disabled={applying || preview.moves.length === 0}
                onClick={() => void apply()}
              >
                {applying ? 'Applying…' : `Apply: move ${preview.moves.length} ${preview.moves.length === 1 ? 'guest' : 'guests'}`}
              </button>
              <button type="button" className="button" data-testid="autoseat-discard" disabled={applying} onClick={reset}>
                Discard
              </button>
            </div>
          )}
        </PreviewView>
      )}
    </Dialog>
  );
}
