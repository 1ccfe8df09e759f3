import { andList } from '@seatfold/domain/core';
import { newCommandId, type BatchInfo, type RevertDetail } from '@seatfold/sync';
import { useEffect, useRef, useState } from 'react';
import { useAppDispatch, useAppSelector, useConnection } from '../../app/store.ts';
import { notificationsActions } from '../../app/notifications.ts';
import { dataApi } from '../../app/data.ts';
import { sendAsMine } from '../../app/historyUndo.ts';
import { batchKindLabel, when } from './labels.ts';

type RevertState =
  { step: 'loading' } | { step: 'ready'; detail: RevertDetail } | { step: 'refused'; message: string } | { step: 'applying'; detail: RevertDetail };

/** What reverting a batch would restore and leave alone (changed again later), then the revert itself. */
/** `onClose(true)` once the batch is reverted (the dialog then goes without giving focus back to its opener). */
export function RevertDialog({ batch, onClose }: { batch: BatchInfo; onClose: (reverted: boolean) => void }) {
  const connection = useConnection();
  const dispatch = useAppDispatch();
  const ref = useRef<HTMLDialogElement>(null);
  const [state, setState] = useState<RevertState>({ step: 'loading' });
  /** the state as last rendered, for a preview's answer to compare with */
  const shown = useRef(state);
  shown.current = state;
  const [error, setError] = useState<string | null>(null);

  // The preview follows the plan while the dialog is open: a change somebody makes meanwhile is in it (asked again a
  // moment after the plan changed, not at every event of a busy plan), and the dialog says it was updated.
  const version = useAppSelector((s) => s.plan.confirmed.version);
  const asked = useRef(false);
  const [updated, setUpdated] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  useEffect(() => {
    let stale = false;
    const again = asked.current;
    asked.current = true;
    const timer = setTimeout(
      () =>
        void connection.current
          ?.revert({ commandId: newCommandId(), batchId: `preview-${crypto.randomUUID()}`, targetBatchId: batch.batchId, preview: true })
          .then((r) => {
            const was = shown.current;
            if (stale || was.step === 'applying') return;
            const next: RevertState =
              r.status === 'accepted' && r.detail
                ? { step: 'ready', detail: r.detail }
                : { step: 'refused', message: r.status === 'rejected' ? r.error.message : 'Nothing to revert.' };
            if (again && JSON.stringify(next) !== JSON.stringify(was)) setUpdated(true);
            setState(next);
          })
          .catch((err: Error) => !stale && shown.current.step !== 'applying' && setState({ step: 'refused', message: err.message })),
      again ? 400 : 0,
    );
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [connection, batch.batchId, version]);

  const confirm = async () => {
    if (state.step !== 'ready') return;
    setState({ step: 'applying', detail: state.detail });
    setError(null);
    try {
      // One of my changes: Ctrl+Z takes the revert back (bringing the batch back), as it takes back any other.
      const commandId = newCommandId();
      const r = await sendAsMine(
        commandId,
        () => connection.current!.revert({ commandId, batchId: `revert-${crypto.randomUUID()}`, targetBatchId: batch.batchId }),
        (reply) => reply.status !== 'accepted',
      );
      if (r.status === 'accepted') {
        // What it did, as it was done (the plan may have changed since the preview): shown and read out.
        const done = r.detail ?? state.detail;
        const kept = done.conflicts.length;
        dispatch(
          notificationsActions.notice({
            text: `Reverted “${batch.label}”: took back ${done.restored} ${done.restored === 1 ? 'edit' : 'edits'}${kept ? `, left ${kept} as ${kept === 1 ? 'it is' : 'they are'} (changed again later)` : ''}.`,
            tone: 'info',
          }),
        );
        dispatch(dataApi.util.invalidateTags(['Batches']));
        onClose(true);
        return;
      }
      setError(r.error.message);
      setState({ step: 'ready', detail: state.detail });
    } catch (err) {
      setError((err as Error).message);
      setState({ step: 'ready', detail: state.detail });
    }
  };

  const detail = state.step === 'ready' || state.step === 'applying' ? state.detail : null;
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="revert-title" data-testid="revert-dialog" onClose={() => onClose(false)}>
      <h2 id="revert-title">Revert “{batch.label}”?</h2>
      <p className="muted">
        {batchKindLabel(batch)} by {batch.actor}, {when(batch.at)}. The batch stays in the history: the revert adds new events, is listed as its own
        batch and can itself be reverted.
      </p>
      {state.step === 'loading' && (
        <p role="status">
          <span className="spinner spinner--small" aria-hidden="true" /> Working out what the revert would restore…
        </p>
      )}
      {state.step === 'refused' && (
        <p className="notice notice--error" role="alert" data-testid="revert-refused">
          {state.message}
        </p>
      )}
      {updated && detail && (
        <p className="muted" role="status" data-testid="revert-updated">
          Updated: the plan changed while this was open.
        </p>
      )}
      {detail && (
        <div data-testid="revert-preview">
          <p>
            <strong data-testid="revert-restores">
              Takes back {detail.restored} {detail.restored === 1 ? 'edit' : 'edits'}
            </strong>
            {detail.effects.length > 0 ? ': it will ' : '.'}
            {detail.effects.length > 0 && <span data-testid="revert-effects">{andList(detail.effects)}.</span>}
          </p>
          {detail.changes && detail.changes.length > 0 && (
            // one by one, so a planner can check whom it removes, moves or unseats before it does
            <details className="revert-changes" data-testid="revert-changes">
              <summary>{detail.changes.length === 1 ? 'Show the change' : `Show the ${detail.changeCount ?? detail.changes.length} changes`}</summary>
              <ol>
                {detail.changes.map((c, i) => (
                  <li key={i}>{c}</li>
                ))}
                {(detail.changeCount ?? 0) > detail.changes.length && (
                  <li className="muted">and {(detail.changeCount ?? 0) - detail.changes.length} more</li>
                )}
              </ol>
            </details>
          )}
          {detail.conflicts.length === 0 ? (
            <p className="muted">Nobody changed any of it since: everything is taken back.</p>
          ) : (
            <>
              <p data-testid="revert-conflict-count">
                <strong>Leaves {detail.conflicts.length === 1 ? '1 edit as it is' : `${detail.conflicts.length} edits as they are`}</strong>, because
                {detail.conflicts.length === 1 ? ' it was' : ' they were'} changed again later — later work is never overwritten:
              </p>
              <ul className="conflicts" data-testid="revert-conflicts">
                {detail.conflicts.slice(0, 50).map((c) => (
                  <li key={c.version}>
                    {c.sentence} <span className="muted">— {c.reason}</span>
                  </li>
                ))}
                {detail.conflicts.length > 50 && <li className="muted">and {detail.conflicts.length - 50} more</li>}
              </ul>
            </>
          )}
        </div>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => ref.current?.close()} data-testid="revert-cancel">
          {state.step === 'refused' ? 'Close' : 'Cancel'}
        </button>
        {state.step !== 'refused' && (
          <button type="button" className="button button--primary" data-testid="revert-confirm" disabled={state.step !== 'ready'} onClick={confirm}>
            {state.step === 'applying' ? 'Reverting…' : 'Revert'}
          </button>
        )}
      </div>
    </dialog>
  );
}
