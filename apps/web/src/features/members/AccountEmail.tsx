import { useId, useRef, useState, type FormEvent } from 'react';
import { errorText, useMeQuery, useSetEmailMutation } from '../../app/data.ts';
import './members.css';

/**
 * A member's address for sign-in links on other devices, on the start page: shown where the server sends mail. A new
 * address counts once the link mailed to it is opened; until then the confirmed one (if any) stays in use.
 */
export function AccountEmail() {
  const me = useMeQuery();
  const you = me.data?.you ?? null;
  const [setEmail, sent] = useSetEmailMutation();
  const [draft, setDraft] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const id = useId();
  /** where the focus goes when the button that had it goes away (the address removed) */
  const statusRef = useRef<HTMLParagraphElement>(null);
  if (!you?.member || !me.data?.mail) return null;
  const error = errorText(sent.error);

  const ask = async (email: string | null, done: string) => {
    setNote(null);
    const r = await setEmail(email);
    if ('data' in r) {
      setNote(done);
      setDraft('');
      if (email === null) statusRef.current?.focus();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const email = draft.trim();
    if (email) void ask(email, `A confirmation link is on its way to ${email}. Open it within 24 hours.`);
  };

  return (
    <section className="card account-email" aria-labelledby={`${id}-title`} data-testid="account-email">
      <h2 id={`${id}-title`}>Sign in on other devices</h2>
      <p data-testid="account-email-current">
        {you.email ? (
          <>
            Sign-in links for <strong>{you.name}</strong> go to <strong>{you.email}</strong>.
          </>
        ) : (
          <>Add your e-mail address to sign in to your plans on another device.</>
        )}
      </p>
      {you.pendingEmail && (
        <p className="account-email__pending" data-testid="account-email-pending">
          Waiting for confirmation: <strong>{you.pendingEmail}</strong>. Open the link mailed there (or send it again) to start using it.{' '}
          <button
            type="button"
            className="button button--small"
            disabled={sent.isLoading}
            onClick={() => void ask(you.pendingEmail, `Sent again to ${you.pendingEmail}.`)}
          >
            Send again
          </button>
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="muted" ref={statusRef} tabIndex={-1}>
        {note}
      </p>
      <form onSubmit={submit} className="create-form">
        <label htmlFor={`${id}-email`}>{you.email ? 'Another address' : 'Your e-mail address'}</label>
        <div className="account-email__row">
          <input
            id={`${id}-email`}
            data-testid="account-email-input"
            type="email"
            required
            maxLength={200}
            autoComplete="email"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="button" disabled={sent.isLoading} data-testid="account-email-send">
            Send a confirmation link
          </button>
        </div>
      </form>
      {(you.email || you.pendingEmail) && (
        <button
          type="button"
          className="button button--small account-email__remove"
          disabled={sent.isLoading}
          onClick={() => void ask(null, 'No address for sign-in links any more.')}
        >
          Remove {you.email && you.pendingEmail ? 'both addresses' : 'the address'}
        </button>
      )}
    </section>
  );
}
