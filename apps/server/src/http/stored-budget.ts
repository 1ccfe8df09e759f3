import { waitText, type WorkMeter } from '@seatfold/sync/server';
import { HttpError } from './errors.ts';

/**
 * What an HTTP request stores (a background image, an invite) counts against its client address's storage budget, as
 * its changes over the socket do (Limits.storedBytesPerAddress): none of it may fill the disk for every plan. Answers
 * the address's meter, to charge once stored; past the budget it refuses with 429 and Retry-After. `bodyUnread`: the
 * request's body has not been read (the connection is closed).
 */
export function storedBudget(meter: WorkMeter, bodyUnread = false): WorkMeter {
  const owing = meter.owing();
  if (owing <= 0) return meter;
  const seconds = Math.ceil(owing / 1000);
  throw new HttpError(
    429,
    `Your network has stored an unusually large amount recently, and the server is pacing it to keep room for every plan. Try again in ${waitText(owing)}.`,
    bodyUnread,
    { code: 'ServerBusy', retryAfterMs: seconds * 1000 },
    { 'retry-after': String(seconds) },
  );
}

/** About what one row of the auth tables takes on disk (its columns, index entries, the tuple header). */
export const AUTH_ROW_BYTES = 400;
