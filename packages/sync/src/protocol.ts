/**
 * The wire protocol between browser and server, over socket.io. One contract, in these files:
 *   protocol/wire.ts      the data that travels (WireEvent, BatchInfo, Presence, …) and PROTOCOL_VERSION
 *   protocol/requests.ts  `Requests`: each request's name → its request and reply types
 *   protocol/schemas.ts   each request's zod schema and the ghost's, as the server checks them (server only: the
 *                         browser's bundle never loads zod; `@seatfold/sync/server` exports them)
 *   protocol/errors.ts    `ErrorCode`: every error code that travels, as one declared set
 *   protocol/identity.ts  `Actor` (id + display name), and the server's `Admit` seam that decides who joins as whom
 *
 * client → server, each with an acknowledgement (see `Requests`):
 *   'join' 'command' 'history' 'batches' 'batch' 'revert' 'undo'
 * server → client:
 *   'events'         EventFrame      — committed events of the plan, in version order, at most one message per commit
 *                                      (protocol/frame.ts: each command named once, each actor once per
 *                                      connection; a connection's FrameReader reads them)
 *   'presence'       PresenceChange  — who came and went since the last one (ephemeral, never stored): the join reply
 *                                      carries the list, these the net changes after it, at most one per plan per 250 ms
 *   'ghost'          GhostMessage    — another organiser's drag in progress (see protocol/ghost.ts; client → server
 *                                      'ghost' is the one message without an acknowledgement)
 *   'access'         AccessChange    — the server changed this connection's role (or, role null, withdrew its access:
 *                                      nothing more of the plan follows, the client stops and shows the message)
 *   'protocol-error' ProtocolError   — a message the server could not answer through an acknowledgement: a request
 *                                      sent without one (emitWithAck is required), or an unknown message type sent
 *                                      without one. It is a bug of the client, never a planner's mistake: log it.
 * Bump PROTOCOL_VERSION on any change that an older peer could misread; the server refuses a join that speaks
 * another version.
 */
export * from './protocol/wire.ts';
export * from './protocol/frame.ts';
export * from './protocol/errors.ts';
export * from './protocol/requests.ts';
export * from './protocol/ghost.ts';
export * from './protocol/identity.ts';
export type { BatchSummary } from './summary.ts';
