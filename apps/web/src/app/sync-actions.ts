import type { Action } from '@reduxjs/toolkit';
import type { ClientAction } from '@seatfold/sync';

/** A listener matcher for one of the sync client's actions (`sync/events`, …), typed by the client's action union. */
export const isSync =
  <T extends ClientAction['type']>(type: T) =>
  (a: Action): a is Extract<ClientAction, { type: T }> =>
    a.type === type;

// Assigned once: a matcher written inline in `startListening` loses its action type.
export const syncJoined = isSync('sync/joined');
export const syncEvents = isSync('sync/events');
export const syncIssued = isSync('sync/issued');
export const syncReplied = isSync('sync/replied');
