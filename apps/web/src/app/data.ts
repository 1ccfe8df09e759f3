import type { SerializedError } from '@reduxjs/toolkit';
import { createApi, fakeBaseQuery } from '@reduxjs/toolkit/query/react';
import type { BatchInfo } from '@seatfold/sync';
import {
  changeRole,
  fetchInvite,
  fetchMe,
  confirmEmail,
  fetchMembers,
  readEmailLink,
  inviteMember,
  reinviteMember,
  revokeMember,
  setOpenLinks,
  updateMe,
  withdrawInvite,
  type MemberRole,
  type OpenLinks,
} from './auth.ts';
import { ApiError, messageOf } from './http.ts';
import { applyImport, previewImport, uploadFile, type ImportRequest } from './imports.ts';
import { sessionActions } from './session.ts';
import type { StoreExtra } from './extra.ts';

/** What a failed request leaves in the cache: the planner-facing sentence, and whether trying again may help. */
export interface DataError {
  message: string;
  retryable: boolean;
  /** the HTTP status of a refusal (0: unreachable; absent for socket requests) */
  status?: number;
}

const failure = (err: unknown): { error: DataError } => ({
  error:
    err instanceof ApiError ? { message: err.message, retryable: err.retryable, status: err.status } : { message: messageOf(err), retryable: false },
});
/** Runs one request for RTK Query: its answer as `data`, any refusal as a DataError (never a thrown library error). */
async function run<T>(request: () => Promise<T>): Promise<{ data: T } | { error: DataError }> {
  try {
    return { data: await request() };
  } catch (err) {
    return failure(err);
  }
}

/** The open plan's socket (injected as the store's `extra`): batches come over it, not over HTTP. */
function socketOf(extra: unknown) {
  return (extra as StoreExtra).connection.current;
}

/** An optimistic change to cached data: kept if the request succeeds, taken back if it is refused. */
async function optimistic(patch: { undo: () => void }, done: Promise<unknown>): Promise<void> {
  try {
    await done;
  } catch {
    patch.undo();
  }
}

/**
 * A preview asked again while the server is still making this page's previous one (it makes one per address at a
 * time: a planner excluding rows one after another asks a new one for each) or is making many: asked once more a
 * moment later, for up to the 30 s a preview may wait its turn there, instead of showing the planner a refusal to
 * act on. A question that changed meanwhile (RTK Query aborts it) stops asking.
 */
async function whenItsTurn<T>(ask: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let waited = 0; ;) {
    try {
      return await ask();
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'ServerBusy' || err.status !== 429 || waited >= 30_000 || signal.aborted) throw err;
      const ms = Math.min(1_000, 250 + waited / 4);
      await new Promise((resolve) => setTimeout(resolve, ms));
      waited += ms;
      if (signal.aborted) throw err;
    }
  }
}

const OFFLINE: DataError = { message: 'You are offline: this needs a connection to the server.', retryable: true };

/**
 * The server data the page shows and changes (HTTP through the typed client, batches over the socket), cached by
 * RTK Query. Tags tie changes to what they change: an applied import or a revert invalidates `Batches`, a member
 * change `Members`; listeners (app/listeners.ts) invalidate them when the plan changes under us.
 */
export const dataApi = createApi({
  reducerPath: 'data',
  baseQuery: fakeBaseQuery<DataError>(),
  tagTypes: ['Members', 'Batches', 'Me'],
  endpoints: (build) => ({
    /** who this browser is, and whether the server sends sign-in mail */
    me: build.query<Awaited<ReturnType<typeof fetchMe>>, void>({ queryFn: () => run(fetchMe), providesTags: ['Me'] }),
    /** asks for an address for sign-in links (it counts once confirmed), or removes it (null) */
    setEmail: build.mutation({ queryFn: (email: string | null) => run(() => updateMe({ email })), invalidatesTags: ['Me'] }),
    invite: build.query({ queryFn: (secret: string) => run(() => fetchInvite(secret)) }),
    emailLink: build.query({ queryFn: (secret: string) => run(() => readEmailLink(secret)), keepUnusedDataFor: 0 }),
    confirmEmail: build.mutation({ queryFn: (secret: string) => run(() => confirmEmail(secret)), invalidatesTags: ['Me'] }),
    members: build.query({
      queryFn: (token: string) => run(() => fetchMembers(token)),
      providesTags: ['Members'],
      // The Share note says whom the links open the plan to: it follows every answer (a change made here or by
      // another owner), not only the one read when the plan opened.
      onQueryStarted: async (_token, { dispatch, queryFulfilled }) => {
        const answer = await queryFulfilled.catch(() => null);
        if (answer) dispatch(sessionActions.openLinks(answer.data.openLinks));
      },
    }),
    createInvite: build.mutation({
      queryFn: (a: { token: string; role: MemberRole; email?: string }) => run(() => inviteMember(a.token, a.role, a.email)),
      invalidatesTags: ['Members'],
    }),
    reinvite: build.mutation({
      queryFn: (a: { token: string; personId: string }) => run(() => reinviteMember(a.token, a.personId)),
      invalidatesTags: ['Members'],
    }),
    changeRole: build.mutation({
      queryFn: (a: { token: string; personId: string; role: MemberRole }) => run(() => changeRole(a.token, a.personId, a.role)),
      invalidatesTags: ['Members'],
      // Shown at once (the list is asked again after the answer); a refusal puts the old role back.
      onQueryStarted: (a, { dispatch, queryFulfilled }): Promise<void> =>
        optimistic(
          dispatch(
            dataApi.util.updateQueryData('members', a.token, (d) => {
              const m = d.members.find((x) => x.personId === a.personId);
              if (m) m.role = a.role;
            }),
          ),
          queryFulfilled,
        ),
    }),
    revoke: build.mutation({
      queryFn: (a: { token: string; personId: string }) => run(() => revokeMember(a.token, a.personId)),
      invalidatesTags: ['Members'],
    }),
    withdrawInvite: build.mutation({
      queryFn: (a: { token: string; id: string }) => run(() => withdrawInvite(a.token, a.id)),
      invalidatesTags: ['Members'],
    }),
    setOpenLinks: build.mutation({
      queryFn: (a: { token: string; links: OpenLinks }) => run(() => setOpenLinks(a.token, a.links)),
      invalidatesTags: ['Members'],
      onQueryStarted: (a, { dispatch, queryFulfilled }): Promise<void> =>
        optimistic(
          dispatch(
            dataApi.util.updateQueryData('members', a.token, (d) => {
              d.openLinks = a.links;
            }),
          ),
          queryFulfilled,
        ),
    }),

    upload: build.mutation({ queryFn: (a: { token: string; file: File }) => run(() => uploadFile(a.token, a.file)) }),
    /** `version` is part of the question: the plan changed, so the preview is asked again. */
    preview: build.query({
      queryFn: (a: { token: string; uploadId: string; request: ImportRequest; version: number }, api) =>
        run(() => whenItsTurn(() => previewImport(a.token, a.uploadId, a.request), api.signal)),
      keepUnusedDataFor: 0,
    }),
    apply: build.mutation({
      queryFn: (a: { token: string; uploadId: string; request: ImportRequest & { expect: string; batchId: string } }) =>
        run(() => applyImport(a.token, a.uploadId, a.request)),
      invalidatesTags: ['Batches'],
    }),

    /** The plan's batches a page at a time, newest page first; a page param is the oldest batch already shown. */
    batches: build.infiniteQuery<{ batches: BatchInfo[]; more: boolean }, string, string | null>({
      infiniteQueryOptions: {
        initialPageParam: null,
        getNextPageParam: (last) => (last.more ? (last.batches[0]?.batchId ?? null) : null),
      },
      queryFn: async ({ pageParam }, api) => {
        const socket = socketOf(api.extra);
        if (!socket) return { error: OFFLINE };
        try {
          const r = await socket.batches(pageParam ? { before: pageParam, limit: 100 } : { limit: 100 });
          return r.ok ? { data: { batches: r.batches, more: r.more } } : { error: { message: r.error.message, retryable: false } };
        } catch (err) {
          return { error: { message: err instanceof Error ? err.message : OFFLINE.message, retryable: true } };
        }
      },
      providesTags: ['Batches'],
    }),
  }),
});

export const {
  useMeQuery,
  useSetEmailMutation,
  useInviteQuery,
  useEmailLinkQuery,
  useConfirmEmailMutation,
  useMembersQuery,
  useCreateInviteMutation,
  useReinviteMutation,
  useChangeRoleMutation,
  useRevokeMutation,
  useWithdrawInviteMutation,
  useSetOpenLinksMutation,
  useUploadMutation,
  usePreviewQuery,
  useApplyMutation,
  useBatchesInfiniteQuery,
} = dataApi;

/** The sentence a failed query or mutation shows (a DataError's own; anything else a plain retry). */
export const errorText = (error: DataError | SerializedError | undefined): string | null =>
  error === undefined ? null : 'retryable' in error ? error.message : 'Something went wrong in this page. Please try again.';
