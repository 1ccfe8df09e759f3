import { useId, useState, type FormEvent } from 'react';
import { claimInvite, ROLE_LABEL } from '../../app/auth.ts';
import { errorText, useInviteQuery } from '../../app/data.ts';
import { isGeneratedName, loadUserName, saveUserName } from '../../app/identity.ts';
import { HomeLink } from '../../ui/HomeLink.tsx';
import { navigate } from '../../ui/router.ts';
import './members.css';

/** /invite/<secret>: an invite link, claimed once by this browser under the name its person chooses. */
export function ClaimPage({ secret }: { secret: string }) {
  const read = useInviteQuery(secret);
  const invite = read.data ?? null;
  /** null until the person types: the invite's name, else the one this browser used before */
  const [typed, setName] = useState<string | null>(null);
  const name = typed ?? invite?.name ?? (isGeneratedName(loadUserName()) ? '' : loadUserName());
  /** the claimer's own address for sign-in links on other devices (offered where the server sends mail) */
  const [email, setEmail] = useState('');
  const [failed, setError] = useState<string | null>(null);
  const error = failed ?? errorText(read.error);
  const gone = read.error !== undefined && 'status' in read.error && read.error.status === 404;
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('Give your name: the others see it beside your changes.');
    setBusy(true);
    setError(null);
    try {
      const r = await claimInvite(secret, name.trim(), email.trim() || undefined);
      saveUserName(r.you.name);
      navigate(r.path, true);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main className="centered-page auth-page">
      <div className="card" data-testid="claim-page">
        <h1>{invite ? `Join “${invite.planName}”` : 'Invitation'}</h1>
        {error && (
          <p className="form-error" role="alert" data-testid="claim-error">
            {error}
          </p>
        )}
        {gone && <HomeLink />}
        {!invite && !error && <p className="muted">Reading the invitation…</p>}
        {invite && (
          <form onSubmit={submit}>
            <p>
              You are invited as <strong>{ROLE_LABEL[invite.role].toLowerCase()}</strong>. This link works once: it signs in this browser.
            </p>
            <label htmlFor={`${id}-name`}>Your name, as the others will see it</label>
            <input
              id={`${id}-name`}
              data-testid="claim-name"
              value={name}
              maxLength={200}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
              required
            />
            {invite.mail && (
              <>
                <label htmlFor={`${id}-email`}>Your e-mail, for sign-in links on other devices (optional)</label>
                <input
                  id={`${id}-email`}
                  data-testid="claim-email"
                  type="email"
                  value={email}
                  maxLength={200}
                  autoComplete="email"
                  onChange={(e) => setEmail(e.target.value)}
                  aria-describedby={`${id}-email-hint`}
                />
                <p id={`${id}-email-hint`} className="muted">
                  We mail a link to it: the address is used once you open that link and confirm.
                </p>
              </>
            )}
            <button type="submit" className="button button--primary" disabled={busy} data-testid="claim-submit">
              {busy ? 'Joining…' : 'Join the plan'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
