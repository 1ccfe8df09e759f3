import { Immer } from 'immer';

/**
 * Copy-on-write drafts of a room's state: a batch is decided on one (room.ts), a revert's changes are told on one
 * (revert.ts), and only what they change is copied — a whole copy of a plan at its ceiling took 0.1–0.8 s in one
 * piece. Not frozen: the room's other commands evolve its state in place, and the state a batch leaves must stay
 * writable for them. An instance of its own, so the browser's immer (client state and history, frozen) is
 * configured as it was.
 */
export const drafts = new Immer({ autoFreeze: false });
