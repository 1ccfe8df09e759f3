import { entity } from '@seatfold/domain/core';
import { useId } from 'react';
import { selectView } from '../../app/selectors.ts';
import { useAppSelector } from '../../app/store.ts';
import { useSend } from './useSend.ts';

/**
 * In a table's dialog (the table menu): mark the physical table it stands on accessible (step-free, wheelchair
 * space). Once any table is marked, automatic seating seats guests with accessibility needs only at marked tables.
 */
export function TableAccessible({ tableId }: { tableId: string }) {
  const physical = useAppSelector((s) => {
    const v = selectView(s);
    return entity(v.physicalTables, entity(v.tables, tableId)?.physicalTableId);
  });
  const { send, error } = useSend();
  const id = useId();
  return (
    <div className="autoseat__table" data-testid="table-accessible-section">
      {physical ? (
        <label htmlFor={id} className="autoseat__check">
          <input
            id={id}
            type="checkbox"
            data-testid="table-accessible"
            checked={!!physical.accessible}
            onChange={(e) => void send({ type: 'markTableAccessible', physicalTableId: physical.id, accessible: e.target.checked })}
          />{' '}
          Accessible (step-free, wheelchair space): physical table {physical.label}
        </label>
      ) : (
        <p className="muted">Place this table on a physical table to mark it accessible.</p>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
