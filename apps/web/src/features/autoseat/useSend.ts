import { decide, parseCommand, type Command } from '@seatfold/domain';
import { useCallback, useState } from 'react';
import { useAppStore } from '../../app/store.ts';
import { useIssue } from '../../ui/dragdrop.tsx';

/**
 * Sends one planner command checked first with the domain's schema and decide on the plan as the browser has it,
 * so a refusal is shown in the domain's words before anything is sent. Returns true when it was sent.
 */
export function useSend() {
  const store = useAppStore();
  const issue = useIssue();
  const [error, setError] = useState<string | null>(null);
  const send = useCallback(
    (command: Command): boolean => {
      const parsed = parseCommand(command);
      if (!parsed.ok) return (setError(parsed.message), false);
      const decision = decide(store.getState().plan.view, parsed.command);
      if (!decision.ok) return (setError(decision.error.message), false);
      if (issue(parsed.command) === null) return (setError('The plan is not open yet. Wait a moment and try again.'), false);
      setError(null);
      return true;
    },
    [store, issue],
  );
  return { send, error, setError };
}
