import { entity, GUEST_COLUMNS, type EntityKey } from '@seatfold/domain/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { newCommandId } from '@seatfold/sync';
import { errorText, useApplyMutation, usePreviewQuery } from '../../app/data.ts';
import { sendAsMine } from '../../app/historyUndo.ts';
import { type ImportKind, type ImportRequest, type Preview, type UploadReply } from '../../app/imports.ts';
import { useAppSelector } from '../../app/store.ts';
import type { ActorMeta } from '../../app/actors.ts';
import { lastChange, otherActor } from '../../app/parties.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ColumnMapping } from './ColumnMapping.tsx';
import { ImportPreview } from './ImportPreview.tsx';
import { NewTablesChoice, type NewTablesDraft } from './NewTablesChoice.tsx';

const DRAW_FIELDS = [
  { field: 'table', label: 'Table' },
  { field: 'physical', label: 'Physical table (drawn)' },
  { field: 'room', label: 'Room' },
];

/** An uploaded file: which sheet and kind, what each column holds, the preview, and the apply. */
export function ImportEditor({
  token,
  upload,
  onCancel,
  onApplied,
}: {
  token: string;
  upload: UploadReply;
  onCancel: () => void;
  /** the batch's label and id */
  onApplied: (label: string, batchId: string) => void;
}) {
  const version = useAppSelector((s) => s.plan.confirmed.version);
  const view = useAppSelector((s) => s.plan.view);
  const currentPlace = (tableId: string | null) => {
    const p = tableId ? entity(view.tables, tableId)?.physicalTableId : null;
    return p ? (entity(view.physicalTables, p)?.label ?? 'another table') : null;
  };
  const firstUseful =
    upload.sheets.find((s) => s.name === upload.suggestedSheet && s.rowCount > 0) ?? upload.sheets.find((s) => s.rowCount > 0) ?? upload.sheets[0];
  const [sheetName, setSheetName] = useState(firstUseful!.name);
  const sheet = upload.sheets.find((s) => s.name === sheetName) ?? firstUseful;
  /** the sheet shown: the chosen one, or the first useful one when the chosen name is not in the file */
  const shownSheet = sheet!.name;
  const [kind, setKind] = useState<ImportKind>(firstUseful!.suggestedKind === 'draw' ? 'draw' : 'guests');
  const [columns, setColumns] = useState<(string | null)[]>(firstUseful!.guess[firstUseful!.suggestedKind === 'guests' ? 'guests' : 'draw']);
  const [exclude, setExclude] = useState<number[]>([]);
  /** null until the planner changes it: the server then offers the plan's usual table size */
  const [newTables, setNewTables] = useState<NewTablesDraft | null>(null);
  const [applyImport, applied] = useApplyMutation();
  const applying = applied.isLoading;
  const [applyError, setApplyError] = useState<string | null>(null);
  const capacityError = newTables && newTables.create && !validCapacity(newTables.capacity) ? 'New tables need 1 to 500 seats.' : null;
  const request = useMemo<ImportRequest>(
    () => ({
      kind,
      sheet: shownSheet,
      columns,
      exclude,
      ...(kind === 'guests' && newTables && validCapacity(newTables.capacity)
        ? { newTables: { create: newTables.create, capacity: Number(newTables.capacity) } }
        : {}),
    }),
    [kind, shownSheet, columns, exclude, newTables],
  );

  const choose = (nextKind: ImportKind, nextSheet = sheet) => {
    setKind(nextKind);
    setSheetName(nextSheet!.name);
    setColumns(nextSheet!.guess[nextKind === 'guests' ? 'guests' : 'draw']);
    setExclude([]);
  };

  // Asked again whenever the mapping, the exclusions, the new-table choice or the plan itself (its version) change.
  const previewed = usePreviewQuery({ token, uploadId: upload.uploadId, request, version });
  // The last preview stays on screen while the next is asked (as `loading`); a refused one shows its reason instead.
  const preview = previewed.isError ? null : (previewed.data ?? null);
  const loading = previewed.isFetching;
  const previewError = errorText(previewed.error);

  // Rows whose effect changed because the plan changed while the preview was open (the planner's own choices — a
  // column, an exclusion — start afresh): marked, so an apply never takes a colleague's newer work by surprise.
  // Each marked row says who changed what it names (its guest, table or physical table), when somebody else did.
  const [changed, setChanged] = useState<ReadonlyMap<number, string | null>>(() => new Map());
  const seen = useRef<{ request: ImportRequest; preview: Preview; changes: Map<number, (ActorMeta | undefined)[]> } | null>(null);
  const me = { id: useAppSelector((s) => s.plan.you?.id ?? null), name: useAppSelector((s) => s.session.userName) };
  const meRef = useRef(me);
  meRef.current = me;
  useEffect(() => {
    if (!preview) return;
    const before = seen.current;
    const changes = new Map(preview.rows.map((r) => [r.rowNumber, rowKeys(r).map(lastChange)]));
    seen.current = { request, preview, changes };
    if (!before || before.request !== request) return setChanged(new Map());
    if (before.preview.outcome === preview.outcome) return;
    const was = new Map<number, string>(before.preview.rows.map((r) => [r.rowNumber, rowEffect(r)]));
    const whoChanged = (row: number): string | null => {
      const then = before.changes.get(row) ?? [];
      const now = changes.get(row) ?? [];
      const by = now.find((c, i) => c && c !== then[i]);
      return by ? otherActor(by, meRef.current) : null;
    };
    setChanged((marked) => {
      const next = new Map(marked);
      for (const r of preview.rows) if (was.get(r.rowNumber) !== rowEffect(r)) next.set(r.rowNumber, whoChanged(r.rowNumber));
      return next;
    });
  }, [preview, request]);

  const fields = kind === 'guests' ? GUEST_COLUMNS : DRAW_FIELDS;
  const setColumn = (i: number, field: string | null) =>
    setColumns((cs) =>
      Array.from({ length: sheet!.headers.length }, (_, j) => (j === i ? field : field !== null && cs[j] === field ? null : (cs[j] ?? null))),
    );

  const blocking = preview ? [...preview.blocking, ...preview.nothingToDo] : [];
  const disabledWhy = loading ? 'Updating the preview…' : (capacityError ?? previewError ?? blocking[0] ?? null);

  const apply = async () => {
    if (!preview) return;
    setApplyError(null);
    // The outcome the planner sees: the server refuses if, by now, any row would do something else. The batch's id
    // is ours, so the import is one of my changes: Ctrl+Z takes it back.
    const batchId = newCommandId();
    const r = await sendAsMine(
      batchId,
      () => applyImport({ token, uploadId: upload.uploadId, request: { ...request, expect: preview.outcome, batchId } }),
      (reply) => !reply.data,
    );
    if (r.data) onApplied(r.data.batch?.label ?? `${kind === 'guests' ? 'Guest import' : 'Table draw'}: ${upload.fileName}`, batchId);
    else setApplyError(errorText(r.error) ?? 'The import could not be applied. Please try again.');
  };

  return (
    <div className="import-editor" data-testid="import-editor">
      <div className="import-file">
        <Icon name="table" size={16} />
        <strong data-testid="upload-file-name">{upload.fileName}</strong>
        <span className="muted">
          {upload.kind === 'csv' ? 'CSV' : 'Excel workbook'} · {(upload.bytes / 1024).toFixed(upload.bytes < 10240 ? 1 : 0)} kB
        </span>
        <button type="button" className="button button--small" onClick={onCancel} data-testid="upload-cancel">
          Choose another file
        </button>
      </div>
      {upload.notice && (
        <p className="notice notice--warn" role="status" data-testid="upload-notice">
          {upload.notice}
        </p>
      )}

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
            <select
              value={sheet!.name}
              data-testid="sheet-select"
              onChange={(e) =>
                choose(
                  kind,
                  upload.sheets.find((s) => s.name === e.target.value),
                )
              }
            >
              {upload.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name} ({s.rowCount} {s.rowCount === 1 ? 'row' : 'rows'})
                </option>
              ))}
            </select>
          </label>
        )}
      </div>

      <ColumnMapping sheet={sheet!} fields={fields} columns={columns} onChange={setColumn} />

      {preview?.kind === 'guests' && preview.newTables && preview.newTables.names.length > 0 && (
        <NewTablesChoice offered={preview.newTables} draft={newTables} error={capacityError} onChange={setNewTables} />
      )}

      <ImportPreview
        changed={changed}
        key={`${kind}:${sheet!.name}`}
        preview={preview}
        loading={loading}
        previewError={previewError}
        exclude={exclude}
        onExclude={(n, on) => setExclude((xs) => (on ? [...xs, n].sort((a, b) => a - b) : xs.filter((x) => x !== n)))}
        currentPlace={currentPlace}
      />

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

const validCapacity = (v: string) => /^\d{1,3}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 500;

function applyLabel(p: Preview | null): string {
  if (!p) return 'Apply';
  const c = p.counts;
  if (p.kind === 'draw') return c.place ? `Apply the draw: ${c.place} ${c.place === 1 ? 'table moves' : 'tables move'}` : 'Apply the draw';
  const parts = [c.new ? `${c.new} new` : '', c.updated ? `${c.updated} updated` : ''].filter(Boolean);
  const tables = c.newTables ? ` and create ${c.newTables} ${c.newTables === 1 ? 'table' : 'tables'}` : '';
  return parts.length ? `Import ${parts.join(' and ')} ${c.new! + c.updated! === 1 ? 'guest' : 'guests'}${tables}` : 'Import';
}

/** What a preview row names in the plan, for telling who changed it. */
function rowKeys(r: Preview['rows'][number]): EntityKey[] {
  const keys: EntityKey[] = [];
  if ('guestId' in r && r.guestId) keys.push(`guest:${r.guestId}`);
  if ('tableId' in r && r.tableId) keys.push(`table:${r.tableId}`);
  if ('physicalTableId' in r && r.physicalTableId) keys.push(`physical:${r.physicalTableId}`);
  return keys;
}

/** What a preview row does, for telling whether it changed (a new guest's id is made afresh by every preview). */
function rowEffect(r: Preview['rows'][number]): string {
  return JSON.stringify('guestId' in r && r.status === 'new' ? { ...r, guestId: null } : r);
}
