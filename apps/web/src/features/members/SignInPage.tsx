import { useEffect, useId, useState, type FormEvent } from 'react';
import { errorText, useMeQuery } from '../../app/data.ts';
import { requestSignIn, ROLE_LABEL, signInWithLink, type MemberRole } from '../../app/auth.ts';
import { saveUserName } from '../../app/identity.ts';
import { HomeLink } from '../../ui/HomeLink.tsx';
import { navigate } from '../../ui/router.ts';
import './members.css';

type Plans = { name: string; role: MemberRole; path: string }[];

/** /sign-in: ask for a sign-in link by e-mail; /sign-in/<secret>: use one (once) and list one's plans. */
export function SignInPage({ secret }: { secret: string | null }) {
  return <main className="centered-page auth-page">{secret ? <UseLink secret={secret} /> : <AskForLink />}</main>;
}

function UseLink({ secret }: { secret: string }) {
  const [plans, setPlans] = useState<Plans | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    signInWithLink(secret)
      .then((r) => {
        saveUserName(r.you.name);
        setPlans(r.plans);
      })
      .catch((err: Error) => setError(err.message));
  }, [secret]);
  return (
    <div className="card" data-testid="sign-in-page">
      <h1>Sign in</h1>
      {error && (
        <>
          <p className="form-error" role="alert">
            {error}
          </p>
          <HomeLink />
        </>
      )}
      {!plans && !error && <p className="muted">Signing you in…</p>}
      {plans && (
        <>
          <p role="status">You are signed in on this browser. Your plans:</p>
          {plans.length === 0 ? (
            <p className="muted">You are no member of any plan at the moment.</p>
          ) : (
            <ul>
              {plans.map((p) => (
                <li key={p.path}>
                  <a
                    href={p.path}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(p.path);
                    }}
                  >
                    {p.name}
                  </a>{' '}
                  <span className="muted">({ROLE_LABEL[p.role].toLowerCase()})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

function AskForLink() {
  const me = useMeQuery();
  const mail = me.data?.mail ?? null;
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [failed, setError] = useState<string | null>(null);
  const error = failed ?? errorText(me.error);
  const id = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await requestSignIn(email.trim());
      setSent(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="card" data-testid="sign-in-page">
      <h1>Sign in on this browser</h1>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {mail === false && <p>This server sends no e-mail. Ask the owner of your plan for a fresh invite link (Members → New link).</p>}
      {mail && !sent && (
        <form onSubmit={submit}>
          <label htmlFor={`${id}-email`}>Your e-mail address</label>
          <input id={`${id}-email`} type="email" required value={email} autoComplete="email" onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" className="button button--primary">
            Send me a sign-in link
          </button>
        </form>
      )}
      {sent && (
        <p role="status">
          If a member confirmed this address, a sign-in link is on its way, unless one was sent in the last 15 minutes: then use that one. A link
          works once, for 15 minutes.
        </p>
      )}
      <HomeLink />
    </div>
  );
}
