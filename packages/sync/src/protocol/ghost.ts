import type { z } from 'zod';
import type { ghostItemSchema, ghostSchema } from './schemas.ts';

/**
 * The drag ghost: an organiser's drag in progress on the floor plan, shown to the plan's other organisers and
 * reviewers as it moves. Ephemeral presence — never stored, never a command; the drop is an ordinary command.
 *
 * client → server  'ghost'  Ghost (no acknowledgement: fire and forget)
 * server → client  'ghost'  GhostMessage (the sender's clientId and name with its ghost; null = it is gone)
 *
 * Bounds: at most GHOST_MAX_ITEMS items; at most GHOST_PER_SECOND messages per socket (excess dropped silently —
 * the next one carries the newer position anyway); only an organiser's ghost is relayed; a malformed one is
 * dropped (its schema and parseGhost are in schemas.ts). The server sends `ghost: null` for a sender that leaves; a client drops a ghost not refreshed for
 * GHOST_TTL_MS (a sender that stopped without a null, or whose null was dropped).
 */
export const GHOST_MAX_ITEMS = 200;
export const GHOST_PER_SECOND = 30;
export const GHOST_TTL_MS = 3000;

export type GhostItem = z.infer<typeof ghostItemSchema>;
/** What is being dragged, and where it is now (room metres, centres, degrees clockwise); null = nothing. */
export type Ghost = z.infer<typeof ghostSchema>;

/** A ghost as the others receive it. */
export interface GhostMessage {
  clientId: string;
  userName: string;
  ghost: Ghost;
}
