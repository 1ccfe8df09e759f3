import { entity, GUEST_COLUMNS } from '@seatfold/domain';
import type { BatchInfo, RevertDetail } from '@seatfold/sync';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { applyImport, exportUrl, previewImport, printPath, summaryLine, uploadFile, type ImportKind, type Preview, type UploadReply } from '../app/imports.ts';
import { useAppDispatch, useAppSelector } from '../app/store.ts';
import { uiActions } from '../app/ui.ts';
import { Icon } from './Icon.tsx';
import { useConnection } from './PlanScreen.tsx';
import './imports.css';

/** The "Import & batches" tab: exports and print for everybody; upload, preview, apply and revert for organisers. */
export function ImportsView({ organiser }: { organiser: boolean }) {
  const token = useAppSelector((s) => s.session.token) ?? '';
  const [batchesKey, setBatchesKey] = useState(0);
  const refresh = useCallback(() => setBatchesKey((k) => k + 1), []);
  return (
    <div className="imports-view" data-testid="imports-view">
      <ExportsPanel token={token} />
      {organiser && <ImportPanel token={token} onApplied={refresh} />}
      <BatchList organiser={organiser} refreshKey={batchesKey} />
    </div>
  );
}

function ExportsPanel({ token }: { token: string }) {
  return (
    <section className="panel" aria-labelledby="exports-title">
      <header className="panel__head">
        <h2 id="exports-title">Export &amp; print</h2>
        <span className="muted">The plan as it is now, for Excel, the venue or the printer.</span>
      </header>
      <div className="panel__actions">
        <a className="button" href={exportUrl(token, 'xlsx')} download data-testid="export-xlsx">
          Download .xlsx
        </a>
        <a className="button" href={exportUrl(token, 'csv')} download data-testid="export-csv">
          Download .csv
        </a>
        <a className="button" href={exportUrl(token, 'excel-csv')} download data-testid="export-csv-excel" title="Semicolon-separated, for Excel set to German or another language that writes decimals with a comma">
          CSV (Excel, semicolons)
        </a>
        <a className="button" href={printPath(token, 'tables')} target="_blank" rel="noopener" data-testid="print-tables">
          Print table lists
        </a>
        <a className="button" href={printPath(token, 'cards')} target="_blank" rel="noopener" data-testid="print-cards">
          Print place cards
        </a>
      </div>
      <p className="muted panel__note">The workbook has a sheet per room and a sheet of all guests with their table and physical table. If Excel opens the .csv as a single column (German Excel does), take “CSV (Excel, semicolons)”. Print pages open in a new tab; use your browser’s “Save as PDF” for a file.</p>
    </section>
  );
}

// ——— Upload, map, preview, apply ———

const DRAW_FIELDS = [
  { field: 'table', label: 'Logical table' },
  { field: 'physical', label: 'Physical table (drawn)' },
  { field: 'room', label: 'Room' },
];

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string }
  | { step: 'mapping'; upload: UploadReply };

function ImportPanel({ token, onApplied }: { token: string; onApplied: () => void }) {
  const userName = useAppSelector((s) => s.session.userName);
  const dispatch = useAppDispatch();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const onFile = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      setError(null);
      setDone(null);
      setPhase({ step: 'uploading', fileName: file.name });
      try {
        setPhase({ step: 'mapping', upload: await uploadFile(token, file, userName) });
      } catch (err) {
        setError((err as Error).message);
        setPhase({ step: 'idle' });
      }
    },
    [token, userName],
  );

  return (
    <section className="panel" aria-labelledby="import-title" data-testid="import-panel">
      <header className="panel__head">
        <h2 id="import-title">Import a spreadsheet</h2>
        <span className="muted">A guest list, or a table draw (logical tables → physical tables). You see exactly what will change before anything is applied.</span>
      </header>
      {done && (
        <p className="notice notice--ok" role="status" data-testid="import-done">
          <Icon name="check" size={16} /> {done}
        </p>
      )}
      {error && (
        <p className="notice notice--error" role="alert" data-testid="upload-error">
          <Icon name="alert" size={16} /> {error}
        </p>
      )}
      {phase.step === 'mapping' ? (
        <ImportEditor
          key={phase.upload.uploadId}
          token={token}
          upload={phase.upload}
          onCancel={() => setPhase({ step: 'idle' })}
          onApplied={(label) => {
            setDone(`Applied as one batch: ${label}. It is listed below, where you can revert it.`);
            dispatch(uiActions.announce(`Applied: ${label}`));
            setPhase({ step: 'idle' });
            onApplied();
          }}
        />
      ) : (
        <DropZone busy={phase.step === 'uploading' ? phase.fileName : null} onFile={onFile} />
      )}
    </section>
  );
}

function DropZone({ busy, onFile }: { busy: string | null; onFile: (f: File | undefined) => void }) {
  const [over, setOver] = useState(false);
  const id = useId();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    onFile(e.dataTransfer.files[0]);
  };
  return (
    <div
      className="drop-zone"
      data-over={over || undefined}
      data-testid="drop-zone"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      {busy ? (
        <p role="status" className="drop-zone__busy">
          <span className="spinner spinner--small" aria-hidden="true" /> Reading “{busy}”…
        </p>
      ) : (
        <>
          <p>
            <strong>Drop an .xlsx or .csv file here</strong>
          </p>
          <label className="button button--primary" htmlFor={id}>
            Choose a file…
          </label>
          <input
            id={id}
            className="visually-hidden"
            type="file"
            data-testid="upload-input"
            accept=".xlsx,.csv,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChange={(e) => {
              onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <p className="muted">Up to 10 MB and 20,000 rows. Re-importing a list updates guests by id or e-mail instead of adding them twice.</p>
        </>
      )}
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = {
  new: 'New',
  updated: 'Updated',
  unchanged: 'Unchanged',
  rejected: 'Rejected',
  place: 'Placed',
  kept: 'Kept',
  blank: 'Blank',
  excluded: 'Excluded',
  error: 'Error',
};
const ROWS_SHOWN = 300;

function ImportEditor({ token, upload, onCancel, onApplied }: { token: string; upload: UploadReply; onCancel: () => void; onApplied: (label: string) => void }) {
  const userName = useAppSelector((s) => s.session.userName);
  const version = useAppSelector((s) => s.plan.confirmed.version);
  const view = useAppSelector((s) => s.plan.view);
  const currentPlace = (tableId: string | null) => {
    const p = tableId ? entity(view.tables, tableId)?.physicalTableId : null;
    return p ? (entity(view.physicalTables, p)?.label ?? 'another table') : null;
  };
  const firstUseful = upload.sheets.find((s) => s.rowCount > 0) ?? upload.sheets[0];
  const [sheetName, setSheetName] = useState(firstUseful.name);
  const sheet = upload.sheets.find((s) => s.name === sheetName) ?? firstUseful;
  const [kind, setKind] = useState<ImportKind>(firstUseful.suggestedKind);
  const [columns, setColumns] = useState<(string | null)[]>(firstUseful.guess[firstUseful.suggestedKind === 'guests' ? 'guests' : 'draw']);
  const [exclude, setExclude] = useState<number[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<string | null>(null);
  const [filter, setFilter] = useState<string>('all');
  const request = useMemo(() => ({ kind, sheet: sheet.name, columns, exclude }), [kind, sheet.name, columns, exclude]);

  const choose = (nextKind: ImportKind, nextSheet = sheet) => {
    setKind(nextKind);
    setSheetName(nextSheet.name);
    setColumns(nextSheet.guess[nextKind === 'guests' ? 'guests' : 'draw']);
    setExclude([]);
    setFilter('all');
  };

  // Preview again whenever the mapping, the exclusions or the plan itself change.
  useEffect(() => {
    let stale = false;
    setLoading(true);
    const t = setTimeout(() => {
      previewImport(token, upload.uploadId, request, userName)
        .then((p) => !stale && (setPreview(p), setPreviewError(null)))
        .catch((err: Error) => !stale && (setPreview(null), setPreviewError(err.message)))
        .finally(() => !stale && setLoading(false));
    }, 150);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [token, upload.uploadId, request, userName, version]);

  const fields = kind === 'guests' ? GUEST_COLUMNS : DRAW_FIELDS;
  const setColumn = (i: number, field: string | null) =>
    setColumns((cs) => Array.from({ length: sheet.headers.length }, (_, j) => (j === i ? field : field !== null && cs[j] === field ? null : (cs[j] ?? null))));

  const blocking = preview ? [...preview.blocking, ...preview.nothingToDo] : [];
  const disabledWhy = loading ? 'Updating the preview…' : previewError ? previewError : blocking[0] ?? null;

  const apply = async () => {
    if (!preview) return;
    setApplying(true);
    setApplyError(null);
    try {
      const r = await applyImport(token, upload.uploadId, { ...request, expect: preview.counts }, userName);
      onApplied(r.batch?.label ?? `${kind === 'guests' ? 'Guest import' : 'Table draw'}: ${upload.fileName}`);
    } catch (err) {
      setApplyError((err as Error).message);
    } finally {
      setApplying(false);
    }
  };

  const rows = preview?.rows ?? [];
  const shown = (filter === 'all' ? rows : rows.filter((r) => r.status === filter)).slice(0, ROWS_SHOWN);
  const statuses = preview ? Object.keys(preview.counts).filter((k) => k in STATUS_LABEL && preview.counts[k] > 0) : [];
  const toggleExclude = (n: number, on: boolean) => setExclude((xs) => (on ? [...xs, n].sort((a, b) => a - b) : xs.filter((x) => x !== n)));

  return (
    <div className="import-editor" data-testid="import-editor">
      <div className="import-file">
        <Icon name="table" size={16} />
        <strong data-testid="upload-file-name">{upload.fileName}</strong>
        <span className="muted">
          {upload.kind === 'csv' ? 'CSV' : 'Excel workbook'} · {(upload.bytes / 1024).toFixed(upload.bytes < 10240 ? 1 : 0)} kB · sha-256 <code title={upload.fileHash}>{upload.fileHash.slice(0, 12)}…</code>
        </span>
        <button type="button" className="button button--small" onClick={onCancel} data-testid="upload-cancel">
          Choose another file
        </button>
      </div>

      <div className="import-choices">
        <fieldset className="segmented-field">
          <legend>This file is</legend>
          {(['guests', 'draw'] as const).map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => choose(k)} data-testid={`kind-${k}`} />
              {k === 'guests' ? 'a guest list' : 'a table draw'}
            </label>
          ))}
        </fieldset>
        {upload.sheets.length > 1 && (
          <label className="field">
            <span>Sheet</span>
            <select value={sheet.name} data-testid="sheet-select" onChange={(e) => choose(kind, upload.sheets.find((s) => s.name === e.target.value)!)}>
              {upload.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name} ({s.rowCount} {s.rowCount === 1 ? 'row' : 'rows'})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      {sheet.headers.length === 0 ? (
        <p className="notice notice--error" role="alert">
          The sheet “{sheet.name}” is empty. Choose another sheet or file.
        </p>
      ) : (
        <div className="mapping" role="group" aria-label="What each column holds">
          <table className="mapping__table">
            <thead>
              <tr>
                <th scope="col">Column in the file</th>
                <th scope="col">Holds</th>
                <th scope="col">Example</th>
              </tr>
            </thead>
            <tbody>
              {sheet.headers.map((h, i) => (
                <tr key={`${i}-${h}`}>
                  <th scope="row">{h}</th>
                  <td>
                    <select aria-label={`Column “${h}” holds`} data-testid={`map-${i}`} value={columns[i] ?? ''} onChange={(e) => setColumn(i, e.target.value || null)}>
                      <option value="">— ignore —</option>
                      {fields.map((f) => (
                        <option key={f.field} value={f.field}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted truncate">{sheet.sample.map((r) => r[i]).filter(Boolean).slice(0, 2).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section className="preview" aria-labelledby="preview-title" aria-busy={loading} data-testid="import-preview">
        <header className="preview__head">
          <h3 id="preview-title">Preview</h3>
          {loading && <span className="spinner spinner--small" aria-label="Updating the preview" />}
          {preview && (
            <span className="preview__counts" data-testid="preview-counts">
              {statuses.map((k) => (
                <span key={k} className={`status-chip status-chip--${k}`}>
                  {preview.counts[k]} {STATUS_LABEL[k].toLowerCase()}
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
            Matching existing guests by <strong>{preview.key === 'id' ? 'guest id' : preview.key === 'email' ? 'e-mail' : 'name'}</strong>. Blank cells never erase anything; rejected rows are not imported.
          </p>
        )}
        {preview && rows.length > 0 && (
          <>
            {statuses.length > 1 && (
              <div className="segmented preview__filter" role="group" aria-label="Show rows">
                {['all', ...statuses].map((k) => (
                  <button key={k} type="button" aria-pressed={filter === k} onClick={() => setFilter(k)}>
                    {k === 'all' ? `All ${rows.length}` : `${STATUS_LABEL[k]} ${preview.counts[k]}`}
                  </button>
                ))}
              </div>
            )}
            <div className="preview__scroll">
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
                        <tr key={r.rowNumber} data-status={r.status} data-testid="preview-row" data-row={r.rowNumber}>
                          <td className="num">{r.rowNumber}</td>
                          <td>
                            <span className={`status-chip status-chip--${r.status}`}>{STATUS_LABEL[r.status]}</span>
                          </td>
                          <td>{r.name || <span className="muted">(no name)</span>}</td>
                          <td>{r.status === 'rejected' ? r.reason : r.status === 'updated' ? r.changes.join('; ') : r.status === 'new' ? 'added' : 'already as in the file'}</td>
                        </tr>
                      ))
                    : (shown as typeof preview.rows).map((r) => (
                        <tr key={r.rowNumber} data-status={r.status} data-testid="preview-row" data-row={r.rowNumber}>
                          <td className="num">{r.rowNumber}</td>
                          <td>
                            <span className={`status-chip status-chip--${r.status}`}>{STATUS_LABEL[r.status]}</span>
                          </td>
                          <td>
                            {r.table || <span className="muted">(no table)</span>}
                            {r.physical && ` → ${r.physical}`}
                            {r.room && <span className="muted"> ({r.room})</span>}
                          </td>
                          <td>{r.status === 'place' ? `${currentPlace(r.tableId) ? `moves from ${currentPlace(r.tableId)}` : 'placed'} to ${r.note}` : r.note}</td>
                          <td>
                            {(r.status === 'error' || r.status === 'excluded' || r.status === 'place') && (
                              <input
                                type="checkbox"
                                aria-label={`Exclude row ${r.rowNumber}`}
                                data-testid="exclude-row"
                                checked={exclude.includes(r.rowNumber)}
                                onChange={(e) => toggleExclude(r.rowNumber, e.target.checked)}
                              />
                            )}
                          </td>
                        </tr>
                      ))}
                </tbody>
              </table>
            </div>
            {shown.length < (filter === 'all' ? rows.length : preview.counts[filter]) && (
              <p className="muted">Showing the first {ROWS_SHOWN} rows; filter by status to see the others.</p>
            )}
          </>
        )}
        {preview && rows.length === 0 && <p className="muted">The sheet has no rows under its header.</p>}
      </section>

      {applyError && (
        <p className="notice notice--error" role="alert" data-testid="apply-error">
          <Icon name="alert" size={16} /> {applyError}
        </p>
      )}
      <div className="import-apply">
        <button
          type="button"
          className="button button--primary"
          data-testid="apply-import"
          disabled={applying || !preview || disabledWhy !== null}
          aria-describedby="apply-why"
          onClick={apply}
        >
          {applying ? 'Applying…' : applyLabel(preview)}
        </button>
        <span id="apply-why" className={disabledWhy && !loading ? 'warn' : 'muted'} data-testid="apply-why">
          {disabledWhy ?? 'All or nothing: if anything is refused, nothing is applied. You can revert the batch later.'}
        </span>
      </div>
    </div>
  );
}

function applyLabel(p: Preview | null): string {
  if (!p) return 'Apply';
  const c = p.counts;
  if (p.kind === 'draw') return c.place ? `Apply the draw: ${c.place} ${c.place === 1 ? 'table moves' : 'tables move'}` : 'Apply the draw';
  const parts = [c.new ? `${c.new} new` : '', c.updated ? `${c.updated} updated` : ''].filter(Boolean);
  return parts.length ? `Import ${parts.join(' and ')} ${c.new + c.updated === 1 ? 'guest' : 'guests'}` : 'Import';
}

// ——— Batches and revert ———

const KIND_LABEL: Record<string, string> = { 'guest-import': 'Guest import', 'table-draw': 'Table draw', revert: 'Revert', undo: 'Undo', setup: 'Setup' };
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function BatchList({ organiser, refreshKey }: { organiser: boolean; refreshKey: number }) {
  const connection = useConnection();
  const live = useAppSelector((s) => s.session.status === 'live');
  const version = useAppSelector((s) => s.plan.confirmed.version);
  const [batches, setBatches] = useState<BatchInfo[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reverting, setReverting] = useState<BatchInfo | null>(null);

  useEffect(() => {
    if (!live) return;
    let stale = false;
    const t = setTimeout(() => {
      connection.current
        ?.batches({ limit: 100 })
        .then((r) => {
          if (stale) return;
          if (r.ok) {
            setBatches(r.batches);
            setMore(r.more);
            setError(null);
          } else setError(r.error.message);
        })
        .catch((err: Error) => !stale && setError(err.message));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [connection, live, version, refreshKey]);

  /** The list shows the newest page; older batches are fetched on request, a page at a time. */
  const showOlder = () => {
    const oldest = batches?.[0];
    if (!oldest) return;
    connection.current
      ?.batches({ before: oldest.batchId, limit: 100 })
      .then((r) => {
        if (!r.ok) return setError(r.error.message);
        setBatches((now) => (now?.[0]?.batchId === oldest.batchId ? [...r.batches, ...now] : now));
        setMore(r.more);
      })
      .catch((err: Error) => setError(err.message));
  };

  const revertedBy = useMemo(() => new Map((batches ?? []).filter((b) => b.reverts).map((b) => [b.reverts!, b])), [batches]);
  // The plan's own set-up (its first commands, applied as one batch when it was created) is not an import or a bulk
  // change a planner made, and cannot be reverted: it stays out of this list (the timeline shows it).
  const list = useMemo(() => (batches ?? []).filter((b) => b.kind !== 'setup').reverse(), [batches]);
  const labelOf = (id: string) => batches?.find((b) => b.batchId === id)?.label ?? 'an earlier batch';

  return (
    <section className="panel" aria-labelledby="batches-title" data-testid="batch-list" data-loaded={batches !== null}>
      <header className="panel__head">
        <h2 id="batches-title">Batches</h2>
        <span className="muted">Every import and bulk change, newest first. {organiser ? 'A revert takes a batch back with new events and keeps everybody’s later work.' : ''}</span>
      </header>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {batches === null && !error ? (
        <p className="muted" role="status">
          Loading the batches…
        </p>
      ) : batches && list.length === 0 && !more ? (
        <div className="empty-state" data-testid="no-batches">
          <h3>No batches yet</h3>
          <p className="muted">Imports, table draws and reverts appear here with who made them, when, and from which file.</p>
        </div>
      ) : (
        <ol className="batches">
          {list.map((b) => {
            const undoneBy = revertedBy.get(b.batchId);
            return (
              <li key={b.batchId} className="batch" data-testid="batch" data-kind={b.kind} data-batch-id={b.batchId}>
                <div className="batch__main">
                  <span className={`kind-tag kind-tag--${b.kind}`}>{KIND_LABEL[b.kind] ?? b.kind}</span>
                  <strong className="batch__label" data-testid="batch-label">
                    {b.label}
                  </strong>
                  {undoneBy && (
                    <span className="reverted-tag" data-testid="batch-reverted" title={`Reverted by ${undoneBy.actor}, ${when.format(undoneBy.at)}`}>
                      Reverted
                    </span>
                  )}
                </div>
                <div className="batch__meta muted">
                  <span data-testid="batch-actor">{b.actor}</span> · <time dateTime={new Date(b.at).toISOString()}>{when.format(b.at)}</time>
                  {b.fileName && (
                    <>
                      {' '}
                      · {b.fileName}{' '}
                      {b.fileHash && (
                        <code title={`sha-256 ${b.fileHash}`} className="hash">
                          {b.fileHash.slice(0, 8)}
                        </code>
                      )}
                    </>
                  )}
                  {b.reverts && <> · reverts “{labelOf(b.reverts)}”</>}
                  {summaryLine(b) && <> · {summaryLine(b)}</>} · {b.eventCount} {b.eventCount === 1 ? 'event' : 'events'}
                </div>
                {organiser && b.kind !== 'setup' && b.eventCount > 0 && (
                  <button type="button" className="button button--small batch__revert" data-testid="revert-batch" onClick={() => setReverting(b)} aria-label={`Revert “${b.label}”…`}>
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
      {reverting && <RevertDialog batch={reverting} onClose={() => setReverting(null)} />}
    </section>
  );
}

type RevertState = { step: 'loading' } | { step: 'ready'; detail: RevertDetail } | { step: 'refused'; message: string } | { step: 'applying'; detail: RevertDetail };

function RevertDialog({ batch, onClose }: { batch: BatchInfo; onClose: () => void }) {
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
      ?.revert({ commandId: crypto.randomUUID(), batchId: `preview-${crypto.randomUUID()}`, targetBatchId: batch.batchId, preview: true })
      .then((r) => {
        if (stale) return;
        setState(r.status === 'accepted' && r.detail ? { step: 'ready', detail: r.detail } : { step: 'refused', message: r.status === 'rejected' ? r.error.message : 'Nothing to revert.' });
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
      const r = await connection.current!.revert({ commandId: crypto.randomUUID(), batchId: `revert-${crypto.randomUUID()}`, targetBatchId: batch.batchId });
      if (r.status === 'accepted') {
        dispatch(uiActions.announce(`Reverted “${batch.label}”.`));
        onClose();
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
    <dialog ref={ref} className="dialog" aria-labelledby="revert-title" data-testid="revert-dialog" onClose={onClose} onCancel={onClose}>
      <h2 id="revert-title">Revert “{batch.label}”?</h2>
      <p className="muted">
        {KIND_LABEL[batch.kind] ?? batch.kind} by {batch.actor}, {when.format(batch.at)}. Nothing is deleted: the revert adds new events, is listed as its own batch and can itself be reverted.
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
              Restores {detail.restored} {detail.restored === 1 ? 'change' : 'changes'}
            </strong>{' '}
            to how they were before the batch.
          </p>
          {detail.conflicts.length === 0 ? (
            <p className="muted">Nobody changed any of it since: everything is taken back.</p>
          ) : (
            <>
              <p data-testid="revert-conflict-count">
                <strong>
                  Leaves {detail.conflicts.length === 1 ? '1 change as it is' : `${detail.conflicts.length} changes as they are`}
                </strong>
                , because they were changed again later — later work is never overwritten:
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
