import { BULK_MAX } from '@seatfold/domain/core';
import { wholeNumber, type FieldErrors } from './logic.ts';

/** A numbered range of tables as typed in "Add tables": the first number and how many, or what to fix in which field. */
export type TableRange = { ok: true; first: number; count: number } | { ok: false; errors: FieldErrors };

/**
 * Reads From and To as the dialog's range, checking what tablesBulk would refuse (numbers from 0, at most
 * BULK_MAX at once) first, so that each sentence names the field to change and the preview shows only a range
 * that will be accepted.
 */
export function tableRange(fromText: string, toText: string): TableRange {
  const first = wholeNumber(fromText);
  const last = wholeNumber(toText);
  const errors: FieldErrors = {};
  if (fromText.trim() === '') errors.from = 'Enter the number of the first table in From, such as 1.';
  else if (!(first >= 0)) errors.from = 'Table numbers are whole numbers, 0 or more: enter one such as 1 in From.';
  if (toText.trim() === '') errors.to = 'Enter the number of the last table in To, such as 10.';
  else if (!(last >= 0)) errors.to = 'Table numbers are whole numbers, 0 or more: enter one such as 10 in To.';
  if (errors.from || errors.to) return { ok: false, errors };
  const count = last - first + 1;
  if (count < 1) return { ok: false, errors: { to: `To is less than From: enter ${first} or more in To.` } };
  if (count > BULK_MAX) {
    return {
      ok: false,
      errors: {
        to: `That is ${count} tables; at most ${BULK_MAX} can be added at once: enter ${first + BULK_MAX - 1} or less in To, and add the rest in another step.`,
      },
    };
  }
  return { ok: true, first, count };
}
