import type { MatchKey } from '@seatfold/domain/core';
import { useState } from 'react';
import type { Preview } from '../../app/imports.ts';
import { Icon } from '../../ui/Icon.tsx';
import { STATUS_LABEL } from './labels.ts';

const ROWS_SHOWN = 300;
const KEY_TEXT: Record<MatchKey | 'id', string> = { ref: 'guest number', email: 'e-mail', name: 'name', id: 'guest id' };
const matchByText = (keys: (MatchKey | 'id')[]) => keys.map((k) => KEY_TEXT[k]).join(', then ');

/** The preview: counts, what each row will do (filterable by status), and for draws the rows to exclude. */
export function ImportPreview({
  preview,
  loading,
  previewError,
  exclude,
  onExclude,
  currentPlace,
  changed,
}: {
  preview: Preview | null;
  loading: boolean;
  previewError: string | null;
  exclude: number[];
  onExclude: (row: number, on: boolean) => void;
  currentPlace: (tableId: string | null) => string | null;
  /** rows whose effect changed because the plan changed while the preview was open (not by the planner's choices),
   *  each with who changed what it names when that is known and not the planner */
  changed: ReadonlyMap<number, string | null>;
}) {
  const [filter, setFilter] = useState<string>('all');
  const rows = preview?.rows ?? [];
  const statuses = preview ? Object.keys(preview.counts).filter((k) => k in STATUS_LABEL && preview.counts[k]! > 0) : [];
  const active = filter === 'all' || statuses.includes(filter) || (filter === 'changed' && changed.size > 0) ? filter : 'all';
  const picked =
    active === 'all' ? rows : active === 'changed' ? rows.filter((r) => changed.has(r.rowNumber)) : rows.filter((r) => r.status === active);
  const shown = picked.slice(0, ROWS_SHOWN);
  const rowAttributes = (r: { rowNumber: number; status: string }) => ({
    'data-status': r.status,
    'data-testid': 'preview-row',
    'data-row': r.rowNumber,
    'data-changed': changed.has(r.rowNumber) || undefined,
  });
  const changedMark = (row: number) =>
    changed.has(row) && (
      <span className="row-changed" data-testid="row-changed">
        <Icon name="alert" size={13} /> {changed.get(row) ? `${changed.get(row)} changed this since you looked` : 'changed since you looked'}
      </span>
    );
  return (
    <section className="preview" aria-labelledby="preview-title" aria-busy={loading} data-testid="import-preview">
      <header className="preview__head">
        <h3 id="preview-title">Preview</h3>
        {loading && <span className="spinner spinner--small" role="img" aria-label="Updating the preview" />}
        {preview && (
          <span className="preview__counts" data-testid="preview-counts">
            {statuses.map((k) => (
              <span key={k} className={`status-chip status-chip--${k}`}>
                {preview.counts[k]} {STATUS_LABEL[k]!.toLowerCase()}
              </span>
            ))}
          </span>
        )}
      </header>
      {previewError && (
        <p className="notice notice--error" role="alert">
          {previewError}
        </p>
      )}
      {changed.size > 0 && (
        <p className="notice notice--warn" role="status" data-testid="preview-changed">
          <Icon name="alert" size={15} />
          <span>
            The plan changed while this preview was open: {changed.size} {changed.size === 1 ? 'row now does' : 'rows now do'} something else.{' '}
            <button type="button" className="linkish" onClick={() => setFilter('changed')}>
              Show {changed.size === 1 ? 'it' : 'them'}
            </button>{' '}
            and check before you apply.
          </span>
        </p>
      )}
      {preview?.kind === 'draw' && (
        <div className="notice notice--vip" data-testid="kept-vip">
          <Icon name="star" size={15} className="icon vip-star" />
          <div>
            <strong>VIP/locked tables left as they are: {preview.keptVipOrLocked.length}</strong>
            {preview.keptVipOrLocked.length > 0 && <p className="muted">{preview.keptVipOrLocked.map((k) => `${k.name} (${k.why})`).join(' · ')}</p>}
            <p className="muted">A table draw never moves VIP or locked tables, whether the file lists them, leaves them blank or omits them.</p>
          </div>
        </div>
      )}
      {preview?.kind === 'guests' && (
        <p className="muted">
          Matching existing guests by <strong data-testid="match-by">{matchByText(preview.matchBy ?? [preview.key])}</strong>, never with a guest
          whose own number or e-mail differs. Blank cells never erase anything; rejected rows are not imported.
          {preview.counts.unseated! > 0 && (
            <>
              {' '}
              <strong className="warn" data-testid="unseated-count">
                {preview.counts.unseated} {preview.counts.unseated === 1 ? 'guest is' : 'guests are'} imported without the seat the file names
              </strong>{' '}
              (the table is full, locked or missing): see “What happens”.
            </>
          )}
        </p>
      )}
      {preview && rows.length > 0 && (
        <>
          {statuses.length + (changed.size > 0 ? 1 : 0) > 1 && (
            <div className="segmented preview__filter" role="group" aria-label="Show rows">
              {['all', ...statuses, ...(changed.size > 0 ? ['changed'] : [])].map((k) => (
                <button key={k} type="button" aria-pressed={active === k} onClick={() => setFilter(k)}>
                  {k === 'all' ? `All ${rows.length}` : k === 'changed' ? `Changed ${changed.size}` : `${STATUS_LABEL[k]} ${preview.counts[k]}`}
                </button>
              ))}
            </div>
          )}
          {/* a long preview scrolls in its box: focusable, so the keyboard scrolls it too */}
          <div className="preview__scroll" tabIndex={0} role="region" aria-label="Rows of the file">
            <table className="preview__table" data-testid="preview-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Status</th>
                  <th scope="col">{preview.kind === 'guests' ? 'Guest' : 'Table → physical table'}</th>
                  <th scope="col">What happens</th>
                  {preview.kind === 'draw' && <th scope="col">Exclude</th>}
                </tr>
              </thead>
              <tbody>
                {preview.kind === 'guests'
                  ? (shown as typeof preview.rows).map((r) => (
                      <tr key={r.rowNumber} {...rowAttributes(r)}>
                        <td className="num">{r.rowNumber}</td>
                        <td>
                          <span className={`status-chip status-chip--${r.status}`}>{STATUS_LABEL[r.status]}</span>
                        </td>
                        <td>{r.name || <span className="muted">(no name)</span>}</td>
                        <td>
                          {r.status === 'rejected'
                            ? r.reason
                            : r.status === 'updated'
                              ? r.changes.join('; ')
                              : r.status === 'new'
                                ? ['added', ...r.changes].join(', ')
                                : r.warnings?.length
                                  ? // unchanged because what the file asks cannot be done (a locked or full table): not "as in the file"
                                    'stays as it is, not as in the file'
                                  : 'already as in the file'}
                          {r.matchedBy && r.matchedBy !== 'ref' && <span className="muted"> (matched by {KEY_TEXT[r.matchedBy]})</span>}
                          {changedMark(r.rowNumber)}
                          {r.warnings?.map((w) => (
                            <span key={w} className="row-warning" data-testid="row-warning">
                              <Icon name="alert" size={13} /> {w}
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))
                  : (shown as typeof preview.rows).map((r) => (
                      <tr key={r.rowNumber} {...rowAttributes(r)}>
                        <td className="num">{r.rowNumber}</td>
                        <td>
                          <span className={`status-chip status-chip--${r.status}`}>{STATUS_LABEL[r.status]}</span>
                        </td>
                        <td>
                          {r.table || <span className="muted">(no table)</span>}
                          {r.physical && ` → ${r.physical}`}
                          {r.room && <span className="muted"> ({r.room})</span>}
                        </td>
                        <td>
                          {r.status === 'place'
                            ? `${currentPlace(r.tableId) ? `moves from ${currentPlace(r.tableId)}` : 'placed'} to ${r.note}`
                            : r.note}
                          {changedMark(r.rowNumber)}
                        </td>
                        <td>
                          {(r.status === 'error' || r.status === 'excluded' || r.status === 'place') && (
                            <input
                              type="checkbox"
                              aria-label={`Exclude row ${r.rowNumber}`}
                              data-testid="exclude-row"
                              checked={exclude.includes(r.rowNumber)}
                              onChange={(e) => onExclude(r.rowNumber, e.target.checked)}
                            />
                          )}
                        </td>
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
          {shown.length < (active === 'all' ? rows.length : preview.counts[active])! && (
            <p className="muted">Showing the first {ROWS_SHOWN} rows; filter by status to see the others.</p>
          )}
        </>
      )}
      {preview && rows.length === 0 && <p className="muted">The sheet has no rows under its header.</p>}
    </section>
  );
}
