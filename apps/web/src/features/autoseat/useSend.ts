import { decide, type Command } from '@seatfold/domain/core';
import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../../app/store.ts';
import { loadValidation, single, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';
import { useIssue } from '../../ui/dragdrop.tsx';

/**
 * Sends one planner command checked first with the domain's schema and decide on the plan as the browser has it,
 * so a refusal is shown in the domain's words before anything is sent. Resolves true when it was sent (at once
 * when the schemas have loaded, app/validation.ts). A second send while one still awaits the checks is not sent
 * (resolves false): a double click on "Add rule" adds one rule.
 */
export function useSend() {
  const store = useAppStore();
  const issue = useIssue();
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const check = useCallback(
    async (command: Command): Promise<boolean> => {
      const checks = await loadValidation().catch(() => null);
      if (!checks) return (setError(VALIDATION_UNAVAILABLE), false);
      const { parseCommand } = checks;
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
  const send = useCallback(
    async (command: Command): Promise<boolean> => {
      let sent = false;
      await single(running, async () => void (sent = await check(command)));
      return sent;
    },
    [check],
  );
  return { send, error, setError };
}
