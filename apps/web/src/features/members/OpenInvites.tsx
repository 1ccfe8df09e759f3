import { ROLE_LABEL, type OpenInvite } from '../../app/auth.ts';
import { useWithdrawInviteMutation } from '../../app/data.ts';
import { dayAndMinute } from '../../app/timeline.ts';
import type { ServerWait } from './MembersPanel.tsx';

/**
 * The owner's list of invite links nobody has claimed yet, each withdrawable: a link sent to the wrong person, or no
 * longer wanted, stops working at once. The links themselves are not shown (the server keeps only a hash of each).
 */
export function OpenInvites({
  token,
  invites,
  act,
  wait,
}: {
  token: string;
  invites: readonly OpenInvite[];
  act: (what: () => Promise<unknown>, note: string) => Promise<void>;
  wait: ServerWait;
}) {
  const [withdraw] = useWithdrawInviteMutation();
  return (
    <section className="members-invites" aria-labelledby="members-invites-title" data-testid="open-invites">
      <h3 id="members-invites-title">Invite links not claimed yet</h3>
      {invites.length === 0 ? (
        <p className="muted">None: every invite link has been claimed, withdrawn or has expired.</p>
      ) : (
        <ul>
          {invites.map((i) => {
            const what = i.forMember ? `New link for ${i.forMember}` : `${ROLE_LABEL[i.role]} invite${i.email ? ` for ${i.email}` : ''}`;
            const made = dayAndMinute(i.createdAt);
            return (
              <li key={i.id} data-testid="open-invite" data-role={i.role}>
                <span>
                  <strong>{what}</strong>
                  <span className="muted">
                    {' '}
                    · made {made}
                    {i.createdBy ? ` by ${i.createdBy}` : ''} · works until {dayAndMinute(i.expiresAt)}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button--small button--danger"
                  data-testid="invite-withdraw"
                  aria-label={`Withdraw: ${what}, made ${made}`}
                  {...wait()}
                  onClick={() =>
                    void act(() => withdraw({ token, id: i.id }).unwrap(), `${what} (made ${made}) no longer works: nobody can claim it now.`)
                  }
                >
                  Withdraw
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
