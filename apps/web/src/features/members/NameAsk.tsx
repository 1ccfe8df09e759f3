import { useId, useRef, useState, type FormEvent } from 'react';
import { updateMe } from '../../app/auth.ts';
import { saveUserName } from '../../app/identity.ts';
import { sessionActions } from '../../app/session.ts';
import { useAppDispatch, useAppSelector } from '../../app/store.ts';
import { uiActions } from '../../app/ui.ts';
import { loadValidation, VALIDATION_UNAVAILABLE } from '../../app/validation.ts';
import { checkName, markNameAsked, nameAsked, shouldAskName } from './name-ask.ts';
import './name-ask.css';

/**
 * A guest arriving on an open link goes by a name this page made up ("Planner 4821"): the others see it beside their
 * changes and among who is here. This bar asks for theirs, once per browser, without standing in the way (the board
 * works around it): Save keeps the name typed (this browser and the server: PATCH /api/me, checked by its rules
 * first), Keep stays with the made-up one. Either way the name can be changed any time in the header.
 */
export function NameAsk() {
  const dispatch = useAppDispatch();
  const userName = useAppSelector((s) => s.session.userName);
  const member = useAppSelector((s) => s.session.links?.you.member);
  const [asked, setAsked] = useState(nameAsked);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);
  const id = useId();
  if (!shouldAskName(userName, member, asked)) return null;

  const done = (said: string) => {
    markNameAsked();
    setAsked(true);
    dispatch(uiActions.announce(said));
  };
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (sending.current) return;
    sending.current = true;
    setError(null);
    setBusy(true);
    try {
      const checks = await loadValidation().catch(() => null);
      if (!checks) return setError(VALIDATION_UNAVAILABLE);
      const checked = checkName(draft, checks.personNameSchema, userName);
      if (!checked.ok) return setError(checked.message);
      const { you } = await updateMe({ name: checked.name });
      saveUserName(you.name);
      dispatch(sessionActions.renamed(you.name));
      done(`The others now see you as “${you.name}”. You can change it in the header.`);
    } catch (err) {
      setError((err as Error).message); // the server's sentence, or that it cannot be reached (app/http.ts)
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return (
    <section className="name-ask" aria-labelledby={`${id}-title`} data-testid="name-ask">
      <form className="name-ask__form" onSubmit={(e) => void save(e)} noValidate>
        <h2 id={`${id}-title`} className="name-ask__title">
          What is your name?
        </h2>
        <p id={`${id}-why`} className="name-ask__why">
          The others on this plan see you as <strong>{userName}</strong> beside your changes and among who is here. You can change it any time in the
          header (the field with the pencil).
        </p>
        <label htmlFor={`${id}-name`} className="visually-hidden">
          Your name
        </label>
        <input
          id={`${id}-name`}
          data-testid="name-ask-input"
          className="name-ask__input"
          value={draft}
          maxLength={200}
          autoComplete="name"
          placeholder="Your name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-why`}
          onChange={(e) => {
            setDraft(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="button button--primary button--small" data-testid="name-ask-save" disabled={busy}>
          Save name
        </button>
        <button
          type="button"
          className="button button--small"
          data-testid="name-ask-keep"
          onClick={() => done(`You stay “${userName}”. You can change it in the header.`)}
        >
          Keep<span className="name-ask__kept"> “{userName}”</span>
        </button>
        {error && (
          <p id={`${id}-error`} className="form-error name-ask__error" role="alert" data-testid="name-ask-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
