/**
 * Type-level checks of the wire contract: they fail at `pnpm typecheck` (and vitest's typecheck) rather than at run
 * time. The runtime tests assert that the declared sets and the schema table agree with them.
 */
import type { DomainErrorCode } from '@seatfold/domain';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SyncRequests } from './client-engine.ts';
import {
  DOMAIN_ERROR_CODES,
  ERROR_CODES,
  PROTOCOL_ERROR_CODES,
  REFUSAL_CODES,
  type CommandReply,
  type ErrorCode,
  type HistoryPage,
  type ProtocolError,
  type ReplyError,
  type ReplyOf,
  type Requests,
  type RequestType,
} from './protocol.ts';
import { REQUEST_SCHEMAS, REQUEST_TYPES } from './protocol/schemas.ts';
import type { Handler, Handlers, JoinedHandlers } from './server/handlers.ts';

describe('the wire contract, as types', () => {
  it('has one handler per request: the table is exhaustive, and a missing handler is a type error', () => {
    expectTypeOf<keyof Handlers>().toEqualTypeOf<RequestType>();
    expectTypeOf<keyof JoinedHandlers>().toEqualTypeOf<Exclude<RequestType, 'join'>>();
    const undo = {} as Handler<'undo'>;
    // @ts-expect-error a table without 'undo' is not a Handlers table
    const missing: Handlers = { ...({} as Omit<Handlers, 'undo'>) };
    const complete: Handlers = { ...({} as Omit<Handlers, 'undo'>), undo };
    expect([missing, complete]).toHaveLength(2);
    // a handler answers its own request's reply type, not any reply
    expectTypeOf<ReturnType<Handler<'history'>['run']>>().toEqualTypeOf<Promise<ReplyOf<'history'>>>();
  });

  it('declares every error code on the wire as one union, and a reply’s code is that union, not string', () => {
    type Rejected = Extract<CommandReply, { status: 'rejected' }>;
    expectTypeOf<Rejected['error']['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ReplyError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<string>().not.toMatchTypeOf<ErrorCode>();
    expectTypeOf<DomainErrorCode>().toMatchTypeOf<ErrorCode>();
    expectTypeOf<
      'NothingToDo' | 'UndoConflict' | 'UnknownBatch' | 'NotRevertible' | 'ImportBlocked' | 'PreviewOutdated' | 'Unprocessable'
    >().toMatchTypeOf<ErrorCode>();
    expectTypeOf<'ServerBusy' | 'Unavailable' | 'BadMessage'>().toMatchTypeOf<ProtocolError['code']>();
    // @ts-expect-error an undeclared code does not type-check
    const undeclared: ReplyError = { code: 'SomethingElse', message: 'x' };
    expect(undeclared.code).toBe('SomethingElse');
  });

  it('keeps the runtime sets equal to the types: every code once, every request with a schema', () => {
    const all = [...DOMAIN_ERROR_CODES, ...PROTOCOL_ERROR_CODES, ...REFUSAL_CODES];
    expect(new Set(all).size).toBe(all.length);
    expect([...ERROR_CODES].sort()).toEqual([...all].sort());
    expectTypeOf<(typeof DOMAIN_ERROR_CODES)[number]>().toEqualTypeOf<DomainErrorCode>();
    expectTypeOf<(typeof REQUEST_TYPES)[number]>().toEqualTypeOf<keyof Requests>();
    expect(REQUEST_TYPES).toEqual(['join', 'command', 'history', 'batches', 'batch', 'revert', 'undo']);
    expect(Object.keys(REQUEST_SCHEMAS)).toEqual(REQUEST_TYPES);
  });

  it('gives the client typed methods whose replies come from the map', () => {
    expectTypeOf<SyncRequests['history']>().returns.toEqualTypeOf<Promise<HistoryPage>>();
    expectTypeOf<SyncRequests['batches']>().returns.toEqualTypeOf<Promise<ReplyOf<'batches'>>>();
    expectTypeOf<SyncRequests['undo']>().parameter(0).toEqualTypeOf<Requests['undo']['req']>();
    expectTypeOf<SyncRequests['revert']>().returns.toEqualTypeOf<Promise<CommandReply>>();
  });
});
