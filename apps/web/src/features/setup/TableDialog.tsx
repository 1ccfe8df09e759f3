import { AddTables } from './AddTables.tsx';
import { EditTable } from './EditTable.tsx';

/** Adds plan tables (one, or a numbered range as one batch), or edits/locks/removes one table. */
export function TableDialog({ tableId, onClose }: { tableId: string | null; onClose: () => void }) {
  return tableId ? <EditTable tableId={tableId} onClose={onClose} /> : <AddTables onClose={onClose} />;
}
