import { useEffect, useRef } from 'react';
import { errorText, useConfirmEmailMutation, useEmailLinkQuery } from '../../app/data.ts';
import { HomeLink } from '../../ui/HomeLink.tsx';
import './members.css';

/**
 * /confirm-email/<secret>: the owner of an address agrees that a Seatfold account may have sign-in links mailed to it.
 * It says which account first and waits for a click: a mail somebody else caused must not confirm anything by being
 * opened (mail scanners open links too). Confirming signs nobody in.
 */
export function ConfirmEmailPage({ secret }: { secret: string }) {
  const read = useEmailLinkQuery(secret);
  const link = read.data ?? null;
  const [confirm, sent] = useConfirmEmailMutation();
  const done = sent.data ?? null;
  const busy = sent.isLoading;
  const error = errorText(sent.error) ?? errorText(read.error);
  // The button that had the focus is gone once confirmed: the focus moves to what happened.
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <main className="centered-page auth-page">
      <div className="card" data-testid="confirm-email-page">
        <h1>Confirm your e-mail address</h1>
        {error && (
          <p className="form-error" role="alert" data-testid="confirm-email-error">
            {error}
          </p>
        )}
        {!link && !error && <p className="muted">Reading the link…</p>}
        {done && (
          <p role="status" data-testid="confirm-email-done" ref={doneRef} tabIndex={-1}>
            Confirmed. Sign-in links for <strong>{done.name}</strong> now go to <strong>{done.email}</strong>: ask for one on Seatfold’s start page
            (Sign in) on any device.
          </p>
        )}
        {link && !done && !link.waiting && (
          <p>
            This address no longer waits for confirmation: <strong>{link.name}</strong> has asked for another address since, or confirmed this one
            already.
          </p>
        )}
        {link && !done && link.waiting && (
          <>
            <p>
              Use <strong>{link.email}</strong> to sign in to Seatfold as <strong>{link.name}</strong>?
            </p>
            <p className="muted">
              Confirm only if you asked for this yourself. If you do not know this account, close this page: nothing happens, and the address is not
              used.
            </p>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm(secret)} data-testid="confirm-email">
              {busy ? 'Confirming…' : `Yes, I am ${link.name}: confirm`}
            </button>
          </>
        )}
        {(done || error || (link && !link.waiting)) && <HomeLink />}
      </div>
    </main>
  );
}
