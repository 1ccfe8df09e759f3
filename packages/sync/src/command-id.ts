import { v7 } from 'uuid';

/**
 * A new command id, as clients make them: a UUID version 7 (RFC 9562), whose first 48 bits are the time in ms.
 * The store keeps an index of every stored event's command id (the idempotency probe, events_command_id_idx):
 * random ids (version 4) land on a random page of it, so every append touches as many pages as it has commands,
 * while time-ordered ids land beside the newest. bench/src/id-order.ts, 15-command appends with commits, alternating:
 * 0.90× the time of random ids at a 100,000-event plan (0.53 against 0.59 ms), 0.86× at 1,000,000 (0.58 against
 * 0.68). 74 random bits stay, and uuid keeps the ids of one millisecond in the order they were made.
 */
export function newCommandId(): string {
  return v7();
}
