import { useEffect, useId, useState, type FormEvent } from 'react';
import { absolute } from '../../app/http.ts';
import { ROLE_LABEL, type MemberRole } from '../../app/auth.ts';
import {
  errorText,
  useChangeRoleMutation,
  useCreateInviteMutation,
  useMembersQuery,
  useReinviteMutation,
  useRevokeMutation,
  useSetOpenLinksMutation,
  type DataError,
} from '../../app/data.ts';
import { useAppSelector } from '../../app/store.ts';
import { dayAndMinute } from '../../app/timeline.ts';
import { CopyField } from '../../ui/CopyField.tsx';
import { Dialog, FormMessage } from '../setup/Dialog.tsx';
import { OpenInvites } from './OpenInvites.tsx';
import './members.css';

const ROLES: MemberRole[] = ['owner', 'organiser', 'reviewer'];
/** As the timeline and the batches write times. */
const when = dayAndMinute;

/** The owner's button in the header: opens the Members panel. Nobody else sees it. */
export function MembersButton() {
  const member = useAppSelector((s) => s.session.links?.member ?? null);
  const [open, setOpen] = useState(false);
  if (member !== 'owner') return null;
  return (
    <>
      <button type="button" className="button button--small" data-testid="open-members" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Members
      </button>
      {open && <MembersPanel onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * What a control of this panel gets: every change here (a role, a new link, a revoke, an invite, a withdrawal, the
 * open links) is asked of the server over HTTP, so while the server cannot be reached each waits, disabled and
 * described by the panel's one note saying why (`describedBy`: what already describes the control).
 */
export type ServerWait = (describedBy?: string) => { disabled: boolean; 'aria-describedby': string | undefined };

export function MembersPanel({ onClose }: { onClose: () => void }) {
  const token = useAppSelector((s) => s.session.token)!;
  const connected = useAppSelector((s) => s.session.status === 'live');
  const offlineId = `${useId()}-offline`;
  const wait: ServerWait = (describedBy) =>
    connected
      ? { disabled: false, 'aria-describedby': describedBy }
      : { disabled: true, 'aria-describedby': describedBy ? `${describedBy} ${offlineId}` : offlineId };
  // Asked again after every change and whenever somebody comes or goes (app/listeners.ts invalidates `Members`).
  const query = useMembersQuery(token);
  const members = query.data?.members ?? null;
  const open = query.data?.openLinks ?? null;
  const me = query.data?.you ?? null;
  const [failed, setFailed] = useState<string | null>(null);
  const error = failed ?? errorText(query.error);
  const [done, setDone] = useState<string | null>(null);
  /** the member whose Revoke was pressed: asked once more, since it takes effect at once and has no undo */
  const [revoking, setRevoking] = useState<string | null>(null);
  // The question takes the focus (Keep and Revoke are beside it); answered, focus goes back to the list's row.
  useEffect(() => {
    if (revoking) document.querySelector<HTMLElement>('[data-testid="member-revoke-yes"]')?.focus();
  }, [revoking]);
  const [link, setLink] = useState<{ label: string; path: string } | null>(null);
  const [changeRole] = useChangeRoleMutation();
  const [reinvite] = useReinviteMutation();
  const [revoke] = useRevokeMutation();
  const [setOpenLinks] = useSetOpenLinksMutation();

  /** Runs one change; its refusal is shown (the list is asked again by the change's tag either way). */
  const act = async (what: () => Promise<unknown>, note: string) => {
    setFailed(null);
    setDone(null);
    try {
      await what();
      setDone(note);
    } catch (err) {
      setFailed(errorText(err as DataError) ?? 'The change could not be made. Please try again.');
    }
  };

  return (
    <Dialog
      title="Members"
      description="People invited to this plan, and who else may open it by its links."
      onClose={onClose}
      testId="members-panel"
      wide
      // not the owner's own role (the first field): inviting is what the panel is opened for most
      initialFocus='[data-testid="invite-role"]'
    >
      <FormMessage error={error} done={done} />
      {/* a live region always in the page, so a screen reader hears the note when it appears */}
      <div role="status">
        {!connected && (
          <p className="members-offline" id={offlineId} data-testid="members-offline">
            Members, roles and links are changed by the server, which cannot be reached just now: these controls work again once the connection is
            back.
          </p>
        )}
      </div>
      {members === null ? (
        !error && <p className="muted">Loading the members…</p>
      ) : (
        <table className="members-table" data-testid="members-list">
          <caption className="visually-hidden">Members of this plan</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.personId} data-testid="member-row" data-name={m.name} data-role={m.role}>
                <th scope="row">
                  {m.name}
                  {m.personId === me && <span className="muted"> (you)</span>}
                  {m.email && <span className="muted members-table__email">{m.email}</span>}
                </th>
                <td>
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    data-testid="member-role"
                    {...wait()}
                    onChange={(e) =>
                      void act(
                        () => changeRole({ token, personId: m.personId, role: e.target.value as MemberRole }).unwrap(),
                        `${m.name} is now ${ROLE_LABEL[e.target.value as MemberRole].toLowerCase()}.`,
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="members-table__active">{m.lastActiveAt ? when(m.lastActiveAt) : <span className="muted">never</span>}</td>
                <td className="members-table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    aria-label={`New link for ${m.name}`}
                    {...wait()}
                    onClick={() =>
                      void act(
                        async () =>
                          setLink({ label: `New link for ${m.name}`, path: (await reinvite({ token, personId: m.personId }).unwrap()).path }),
                        `A new link for ${m.name} is below. Opening it signs ${m.name} in on that device, and out of every other.`,
                      )
                    }
                  >
                    New link
                  </button>
                  {m.personId !== me &&
                    (revoking === m.personId ? (
                      <>
                        <span className="members-revoke-ask" id={`revoke-ask-${m.personId}`}>
                          Their open tabs close at once.
                        </span>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          data-testid="member-revoke-yes"
                          aria-label={`Yes, revoke ${m.name}`}
                          {...wait(`revoke-ask-${m.personId}`)}
                          onClick={() => {
                            setRevoking(null);
                            void act(() => revoke({ token, personId: m.personId }).unwrap(), `${m.name} can no longer open this plan as a member.`);
                          }}
                        >
                          Revoke {m.name}
                        </button>
                        <button type="button" className="button button--small" data-testid="member-revoke-no" onClick={() => setRevoking(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        data-testid="member-revoke"
                        aria-label={`Revoke ${m.name}`}
                        {...wait()}
                        onClick={() => setRevoking(m.personId)}
                      >
                        Revoke
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <InviteForm
        token={token}
        wait={wait}
        onInvite={(path, role) => setLink({ label: `Invite link (${ROLE_LABEL[role].toLowerCase()})`, path })}
        onError={setFailed}
      />
      {link && <CopyField label={link.label} hint="works once, for one person" url={absolute(link.path)} testId="invite-link" />}
      {query.data && <OpenInvites token={token} invites={query.data.invites} act={act} wait={wait} />}
      {open && (
        <fieldset className="members-open">
          <legend>Open links</legend>
          <label>
            <input
              type="checkbox"
              data-testid="open-organise"
              {...wait()}
              checked={open.organise}
              onChange={(e) =>
                void act(
                  () => setOpenLinks({ token, links: { ...open, organise: e.target.checked } }).unwrap(),
                  e.target.checked ? 'Anyone with the organiser link can now organise.' : 'The organiser link now opens the plan to members only.',
                )
              }
            />{' '}
            Anyone with the organiser link can organise
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="open-review"
              {...wait()}
              checked={open.review}
              onChange={(e) =>
                void act(
                  () => setOpenLinks({ token, links: { ...open, review: e.target.checked } }).unwrap(),
                  e.target.checked ? 'Anyone with the review link can now review.' : 'The review link now opens the plan to members only.',
                )
              }
            />{' '}
            Anyone with the review link can review
          </label>
        </fieldset>
      )}
    </Dialog>
  );
}

function InviteForm({
  token,
  wait,
  onInvite,
  onError,
}: {
  token: string;
  wait: ServerWait;
  onInvite: (path: string, role: MemberRole) => void;
  onError: (m: string) => void;
}) {
  const [role, setRole] = useState<MemberRole>('organiser');
  const [email, setEmail] = useState('');
  const [invite, invited] = useCreateInviteMutation();
  const busy = invited.isLoading;
  const id = useId();
  const waiting = wait();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invite({ token, role, email: email.trim() || undefined });
    if (r.data) {
      onInvite(r.data.path, r.data.role);
      setEmail('');
    } else onError(errorText(r.error) ?? 'The invite could not be made. Please try again.');
  };
  return (
    <form className="members-invite" onSubmit={submit} data-testid="invite-form">
      <label htmlFor={`${id}-role`}>Invite as</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as MemberRole)} data-testid="invite-role">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABEL[r]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-email`}>E-mail (optional: a note of whom the link is for)</label>
      <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      <button
        type="submit"
        className="button button--primary button--small"
        {...waiting}
        disabled={busy || waiting.disabled}
        data-testid="invite-create"
      >
        {busy ? 'Creating…' : 'Create invite link'}
      </button>
    </form>
  );
}
