import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConnectionStatus, Presence } from '@seatfold/sync';
import type { PlanLinks } from './api.ts';

export interface SessionState {
  token: string | null;
  status: ConnectionStatus;
  /** why the connection failed (status 'failed'), in words */
  error: string | null;
  errorCode: string | null;
  online: Presence[];
  clientId: string;
  userName: string;
  links: PlanLinks | null;
  /** the share links could not be fetched because the link opens no plan */
  linkError: string | null;
}

export function initialSession(clientId: string, userName: string): SessionState {
  return { token: null, status: 'connecting', error: null, errorCode: null, online: [], clientId, userName, links: null, linkError: null };
}

const session = createSlice({
  name: 'session',
  initialState: initialSession('', ''),
  reducers: {
    opened(s, a: PayloadAction<{ token: string }>) {
      s.token = a.payload.token;
      s.status = 'connecting';
      s.error = s.errorCode = s.linkError = null;
      s.online = [];
      s.links = null;
    },
    closed(s) {
      s.token = null;
      s.online = [];
      s.links = null;
      s.linkError = null;
    },
    status(s, a: PayloadAction<{ status: ConnectionStatus; error?: { code: string; message: string } }>) {
      s.status = a.payload.status;
      s.error = a.payload.error?.message ?? null;
      s.errorCode = a.payload.error?.code ?? null;
      // A failed connection shows nobody as here: the presence it had stopped updating.
      if (a.payload.status === 'failed') s.online = [];
    },
    presence(s, a: PayloadAction<Presence[]>) {
      s.online = a.payload;
    },
    renamed(s, a: PayloadAction<string>) {
      s.userName = a.payload;
    },
    links(s, a: PayloadAction<PlanLinks>) {
      s.links = a.payload;
    },
    /** who the links open the plan to, as the Members panel last read or set it: the Share note follows */
    openLinks(s, a: PayloadAction<NonNullable<PlanLinks['openLinks']>>) {
      if (s.links) s.links.openLinks = a.payload;
    },
    linkError(s, a: PayloadAction<string>) {
      s.linkError = a.payload;
    },
  },
});

export const sessionActions = session.actions;
export const sessionReducer = session.reducer;
