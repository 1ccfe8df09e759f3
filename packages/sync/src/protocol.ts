/**
 * The wire protocol between browser and server, over socket.io. One contract, in three files:
 *   protocol/wire.ts      the data that travels (WireEvent, BatchInfo, Presence, …) and PROTOCOL_VERSION
 *   protocol/requests.ts  `Requests`: each request's name → its schema, request and reply types
 *   protocol/errors.ts    `ErrorCode`: every error code that travels, as one declared set
 *
 * client → server, each with an acknowledgement (see `Requests`):
 *   'join' 'command' 'history' 'batches' 'batch' 'revert' 'undo'
 * server → client:
 *   'events'         WireEvent[]     — committed events of the plan, in version order, at most one message per commit
 *   'presence'       PresenceChange  — who came and went since the last one (ephemeral, never stored): the join reply
 *                                      carries the list, these the net changes after it, at most one per plan per 250 ms
 *   'ghost'          GhostMessage    — another organiser's drag in progress (see protocol/ghost.ts; client → server
 *                                      'ghost' is the one message without an acknowledgement)
 *   'protocol-error' ProtocolError   — a message the server could not answer through an acknowledgement: a request
 *                                      sent without one (emitWithAck is required), or an unknown message type sent
 *                                      without one. It is a bug of the client, never a planner's mistake: log it.
 * Bump PROTOCOL_VERSION on any change that an older peer could misread; the server refuses a join that speaks
 * another version.
 */
export * from './protocol/wire.ts';
export * from './protocol/errors.ts';
export * from './protocol/requests.ts';
export * from './protocol/ghost.ts';
export { batchKindSchema, batchSummarySchema, clientSummarySchema, readSummary, SUMMARY_MAX_BYTES, type BatchSummary } from './summary.ts';
