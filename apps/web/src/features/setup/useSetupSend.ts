import type { Command } from '@seatfold/domain/core';
import { selectView } from '../../app/selectors.ts';
import { useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';
import { cannotEdit, OFFLINE, sendSetupBatch } from './batch.ts';
import { useSetupConnection } from './context.ts';
import { prepare, type FieldErrors } from './logic.ts';

/** Sends checked commands: one is issued (optimistic), several go as one atomic batch. Returns the refusal or null. */
export function useSetupSend() {
  const store = useAppStore();
  const issue = useIssue();
  const connection = useSetupConnection();
  return async (commands: Command[], label: string): Promise<{ fields: FieldErrors; message: string | null } | null> => {
    const blocked = cannotEdit(store.getState());
    if (blocked) return { fields: {}, message: blocked };
    const checked = await prepare(selectView(store.getState()), commands);
    if (!checked.ok) return { fields: checked.fields, message: checked.message };
    if (commands.length === 1) return issue(commands[0]!) === null ? { fields: {}, message: OFFLINE } : null;
    try {
      await sendSetupBatch(connection.current, label, commands);
      return null;
    } catch (err) {
      return { fields: {}, message: (err as Error).message };
    }
  };
}
