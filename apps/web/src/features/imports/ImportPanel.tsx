import { useCallback, useId, useMemo, useState, type DragEvent } from 'react';
import { errorText, useBatchesInfiniteQuery, useUploadMutation } from '../../app/data.ts';
import type { UploadReply } from '../../app/imports.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { Icon } from '../../ui/Icon.tsx';
import { AcceptedColumns } from './AcceptedColumns.tsx';
import { takeBackChains } from './chain.ts';
import { ImportEditor } from './ImportEditor.tsx';

// ——— Upload, then map, preview and apply (ImportEditor) ———

const focusOnMount = (el: HTMLElement | null) => el?.focus();

type Phase = { step: 'idle' } | { step: 'uploading'; fileName: string } | { step: 'mapping'; upload: UploadReply };

export function ImportPanel({ token }: { token: string }) {
  const dispatch = useAppDispatch();
  const [upload] = useUploadMutation();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ text: string; batchId: string } | null>(null);
  // The confirmation stands while its batch does: once anybody reverts or undoes it, it would point at a revert that
  // has been made (the batch list, the same query as BatchList's, says so).
  const live = useAppSelector((s) => s.session.status === 'live');
  const batches = useBatchesInfiniteQuery(token, { skip: !live || done === null }).data;
  const takenBack = useMemo(
    () => done !== null && !!batches && takeBackChains(batches.pages.flatMap((p) => p.batches))(done.batchId).length > 0,
    [batches, done],
  );

  const onFile = useCallback(
    async (file: File | undefined) => {
      if (!file) return;
      setError(null);
      setDone(null);
      setPhase({ step: 'uploading', fileName: file.name });
      const r = await upload({ token, file });
      if (r.data) return setPhase({ step: 'mapping', upload: r.data });
      setError(errorText(r.error) ?? 'The file could not be uploaded. Please try again.');
      setPhase({ step: 'idle' });
    },
    [token, upload],
  );

  return (
    <section className="panel" aria-labelledby="import-title" data-testid="import-panel">
      <header className="panel__head">
        <h2 id="import-title">Import a spreadsheet</h2>
        <span className="muted">
          A guest list, or a table draw (which table stands on which physical table). You see exactly what will change before anything is applied.
        </span>
      </header>
      {done && !takenBack && (
        // Focused when it appears: the Apply button the planner pressed has gone with the editor.
        <p className="notice notice--ok" role="status" data-testid="import-done" tabIndex={-1} ref={focusOnMount}>
          <Icon name="check" size={16} /> {done.text}
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
          onApplied={(label, batchId) => {
            setDone({ text: `Applied as one batch: ${label}. It is listed below, where you can revert it.`, batchId });
            dispatch(uiActions.announce(`Applied: ${label}`));
            setPhase({ step: 'idle' });
          }}
        />
      ) : (
        <>
          <DropZone busy={phase.step === 'uploading' ? phase.fileName : null} onFile={onFile} />
          <AcceptedColumns />
        </>
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
          <p className="muted">
            Up to 10 MB and 20,000 rows. Re-importing a list updates guests by guest number, e-mail or name instead of adding them twice.
          </p>
        </>
      )}
    </div>
  );
}
