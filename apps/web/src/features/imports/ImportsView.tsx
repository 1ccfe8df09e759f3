import { useAppSelector } from '../../app/store.ts';
import { BatchList } from './BatchList.tsx';
import { ExportsPanel } from './ExportsPanel.tsx';
import { ImportPanel } from './ImportPanel.tsx';
import './imports.css';

/** The "Export, import & batches" tab: exports and print for everybody; upload, preview, apply and revert for organisers. */
export function ImportsView({ organiser }: { organiser: boolean }) {
  const token = useAppSelector((s) => s.session.token) ?? '';
  return (
    <div className="imports-view" data-testid="imports-view">
      <ExportsPanel token={token} />
      {organiser && <ImportPanel token={token} />}
      <BatchList organiser={organiser} />
    </div>
  );
}
