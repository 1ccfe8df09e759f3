import { andList } from '@seatfold/domain/core';
import { newCommandId, type BatchInfo, type RevertDetail } from '@seatfold/sync';
import { useEffect, useRef, useState } from 'react';
import { useAppDispatch } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { useConnection } from '../../app/store.ts';
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
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    let stale = false;
    connection.current
      ?.revert({ commandId: newCommandId(), batchId: `preview-${crypto.randomUUID()}`, targetBatchId: batch.batchId, preview: true })
      .then((r) => {
        if (stale) return;
        setState(
          r.status === 'accepted' && r.detail
            ? { step: 'ready', detail: r.detail }
            : { step: 'refused', message: r.status === 'rejected' ? r.error.message : 'Nothing to revert.' },
        );
      })
      .catch((err: Error) => !stale && setState({ step: 'refused', message: err.message }));
    return () => {
      stale = true;
    };
  }, [connection, batch.batchId]);

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
        dispatch(uiActions.announce(`Reverted “${batch.label}”.`));
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
        {batchKindLabel(batch)} by {batch.actor}, {when(batch.at)}. Nothing is deleted: the revert adds new events, is listed as its own batch and can
        itself be reverted.
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
      {detail && (
        <div data-testid="revert-preview">
          <p>
            <strong data-testid="revert-restores">
              Takes back {detail.restored} {detail.restored === 1 ? 'edit' : 'edits'}
            </strong>
            {detail.effects.length > 0 ? ': it will ' : '.'}
            {detail.effects.length > 0 && <span data-testid="revert-effects">{andList(detail.effects)}.</span>}
          </p>
          {detail.conflicts.length === 0 ? (
            <p className="muted">Nobody changed any of it since: everything is taken back.</p>
          ) : (
            <>
              <p data-testid="revert-conflict-count">
                <strong>Leaves {detail.conflicts.length === 1 ? '1 edit as it is' : `${detail.conflicts.length} edits as they are`}</strong>, because
                they were changed again later — later work is never overwritten:
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
