import type { Command } from '@seatfold/domain/core';
import { useCallback, useState } from 'react';
import { useAppDispatch, useAppStore } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { useIssue } from '../../ui/dragdrop.tsx';

export interface FloorStatus {
  text: string;
  tone: 'info' | 'refused';
  key: number;
}

let statusKey = 0;

/**
 * Issues floor commands. The view decides each at once: a refused one never moves anything (the dragged table
 * snaps back) and its reason is shown beside the floor; a success is announced to screen readers.
 */
export function useFloorSend() {
  const issue = useIssue();
  const store = useAppStore();
  const dispatch = useAppDispatch();
  const [status, setStatus] = useState<FloorStatus | null>(null);

  const say = useCallback((text: string, tone: FloorStatus['tone'] = 'info') => setStatus({ text, tone, key: ++statusKey }), []);

  /** Said beside the floor and read out. */
  const tell = useCallback(
    (text: string) => {
      say(text);
      dispatch(uiActions.announce(text));
    },
    [say, dispatch],
  );

  /** `done`: what is said once the command is taken; null, nothing (a held run of arrow steps said each step). */
  const send = useCallback(
    (command: Command, done: string | null): boolean => {
      const id = issue(command);
      if (id === null) {
        say('You are offline or the plan is still opening: nothing was changed.', 'refused');
        return false;
      }
      const refused = store.getState().notifications.rejections.find((r) => r.commandId === id);
      if (refused) {
        say(`${refused.error.message} It stays where it was.`, 'refused');
        return false;
      }
      if (done !== null) tell(done);
      return true;
    },
    [issue, store, say, tell],
  );

  /** A refusal the view finds itself (before sending): shown beside the floor and read out. */
  const refuse = useCallback(
    (text: string) => {
      say(text, 'refused');
      dispatch(uiActions.announce(text));
    },
    [say, dispatch],
  );

  return { send, status, say, tell, refuse };
}
