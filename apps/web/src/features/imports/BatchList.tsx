import type { BatchInfo } from '@seatfold/sync';
import { useEffect, useMemo, useState } from 'react';
import { errorText, useBatchesInfiniteQuery } from '../../app/data.ts';
import { summaryLine } from '../../app/imports.ts';
import { useAppSelector } from '../../app/store.ts';
import { formatCount } from '../../app/format.ts';
import { Icon } from '../../ui/Icon.tsx';
import { takeBackChains } from './chain.ts';
import { batchKindLabel, takenBackText, when } from './labels.ts';
import { RevertDialog } from './RevertDialog.tsx';

/** Every import and bulk change, newest first, each with a revert for organisers. */
export function BatchList({ organiser }: { organiser: boolean }) {
  const token = useAppSelector((s) => s.session.token) ?? '';
  const live = useAppSelector((s) => s.session.status === 'live');
  // Asked once the socket is live; the listeners invalidate it when the plan changes (app/listeners.ts).
  const query = useBatchesInfiniteQuery(token, { skip: !live });
  const [reverting, setReverting] = useState<BatchInfo | null>(null);
  // A reverted batch's Revert button goes once the batch reads as reverted: focus stays on the batch, not on the page.
  // (Focused once the dialog is gone: while it is open, the rest of the page is inert.)
  const [focusBatch, setFocusBatch] = useState<string | null>(null);
  useEffect(() => {
    if (focusBatch === null || reverting) return;
    document.querySelector<HTMLElement>(`[data-testid="batch"][data-batch-id="${CSS.escape(focusBatch)}"]`)?.focus();
    setFocusBatch(null);
  }, [focusBatch, reverting]);
  const more = query.hasNextPage;
  const error = errorText(query.error);
  // Pages come newest first, each oldest first: the oldest page goes in front.
  const batches = useMemo(() => (query.data ? [...query.data.pages].reverse().flatMap((p) => p.batches) : null), [query.data]);
  /** The list shows the newest page; older batches are fetched on request, a page at a time. */
  const showOlder = () => void query.fetchNextPage();

  // A batch reverted or undone is taken back (again) only through the newest batch of its chain (chain.ts).
  const chainOf = useMemo(() => takeBackChains(batches ?? []), [batches]);
  // The plan's own set-up (its first commands, applied as one batch when it was created) is not an import or a bulk
  // change a planner made, and cannot be reverted: it stays out of this list (the timeline shows it).
  const list = useMemo(() => (batches ?? []).filter((b) => b.kind !== 'setup').reverse(), [batches]);
  const labelOf = (id: string) => batches?.find((b) => b.batchId === id)?.label ?? 'an earlier batch';

  return (
    <section className="panel" aria-labelledby="batches-title" data-testid="batch-list" data-loaded={batches !== null}>
      <header className="panel__head">
        <h2 id="batches-title">Batches</h2>
        <span className="muted">
          Every import and bulk change, newest first.{' '}
          {organiser ? 'A revert takes a batch back with new events and keeps everybody’s later work.' : ''}
        </span>
      </header>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {batches === null && !error ? (
        <p className="muted" role="status" data-testid="batches-waiting">
          {/* asked only over a live connection: while the server is away, say so rather than load forever */}
          {live ? 'Loading the batches…' : 'The batches are listed once the connection to the server is back.'}
        </p>
      ) : batches && list.length === 0 && !more ? (
        <div className="empty-state" data-testid="no-batches">
          <h3>No batches yet</h3>
          <p className="muted">Imports, table draws and reverts appear here with who made them, when, and from which file.</p>
        </div>
      ) : (
        <ol className="batches">
          {list.map((b) => {
            // Reverting the revert (or redoing an undo) brings the batch back; the batch's own events stay "changed again
            // later" either way, so it is taken back (again) by reverting the newest batch of that chain, never itself.
            const chain = chainOf(b.batchId);
            return (
              <li key={b.batchId} className="batch" data-testid="batch" data-kind={b.kind} data-batch-id={b.batchId} tabIndex={-1}>
                <div className="batch__main">
                  <span className={`kind-tag kind-tag--${b.kind}`}>{batchKindLabel(b)}</span>
                  <strong className="batch__label" data-testid="batch-label">
                    {b.label}
                  </strong>
                  {chain.length > 0 && (
                    <span className="reverted-tag" data-testid="batch-reverted">
                      {takenBackText(chain)}
                    </span>
                  )}
                </div>
                <div className="batch__meta muted">
                  <span data-testid="batch-actor">{b.actor}</span> · <time dateTime={new Date(b.at).toISOString()}>{when(b.at)}</time>
                  {b.fileName && <> · {b.fileName} </>}
                  {b.reverts && <> · reverts “{labelOf(b.reverts)}”</>}
                  {summaryLine(b) && <> · {summaryLine(b)}</>} · {formatCount(b.eventCount)} {b.eventCount === 1 ? 'edit' : 'edits'}
                </div>
                {organiser && b.kind !== 'setup' && b.eventCount > 0 && chain.length === 0 && (
                  <button
                    type="button"
                    className="button button--small batch__revert"
                    data-testid="revert-batch"
                    onClick={() => setReverting(b)}
                    aria-label={`Revert “${b.label}”…`}
                  >
                    <Icon name="undo" size={13} /> Revert…
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {more && (
        <button type="button" className="button button--small" data-testid="older-batches" onClick={showOlder}>
          Show older batches
        </button>
      )}
      {reverting && (
        <RevertDialog
          batch={reverting}
          onClose={(reverted) => {
            setReverting(null);
            if (reverted) setFocusBatch(reverting.batchId);
          }}
        />
      )}
    </section>
  );
}
