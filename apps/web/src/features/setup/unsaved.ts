import { andList } from '@seatfold/domain/core';
import { useEffect } from 'react';

/**
 * Work in the venue dialog not saved yet: `what` names it ("physical table T-01", "the New room form (“Garden”)"),
 * `button` is the form's own button that saves it, absent for a row (its Save button).
 */
export interface Unsaved {
  what: string;
  button?: string;
}

/** Tells the dialog a row or form has work not saved yet, or none (null). */
export type OnUnsaved = (key: string, unsaved: Unsaved | null) => void;

/** Reports `key` as unsaved while `what` is set, and as saved or gone when it clears or the component unmounts. */
export function useUnsaved(onUnsaved: OnUnsaved, key: string, what: string | null, button?: string) {
  useEffect(() => {
    onUnsaved(key, what ? { what, button } : null);
    return () => onUnsaved(key, null);
  }, [onUnsaved, key, what, button]);
}

/** The question asked on closing over unsaved work: what is not saved, and which button saves each. */
export function unsavedQuestion(unsaved: readonly Unsaved[]): string {
  const rows = unsaved.filter((u) => !u.button).length;
  const buttons = [
    ...(rows ? [`${rows === 1 ? 'the row’s' : 'each row’s'} Save button`] : []),
    ...new Set(unsaved.flatMap((u) => (u.button ? [`the ${u.button} button`] : []))),
  ];
  return `Your changes to ${andList(unsaved.map((u) => u.what))} are not saved yet. Keep editing to save them with ${andList(buttons)} (or Enter), or discard them and close.`;
}
