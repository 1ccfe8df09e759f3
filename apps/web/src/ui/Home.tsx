import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createPlan, fetchDemo, type CreatedPlan } from '../app/api.ts';
import { dataApi } from '../app/data.ts';
import { useAppDispatch } from '../app/store.ts';
import { absolute } from '../app/http.ts';
import { isGeneratedName, loadUserName, saveUserName } from '../app/identity.ts';
import { AccountEmail } from '../features/members/index.ts';
import { MyPlans } from '../features/plans/MyPlans.tsx';
import { useMyPlans } from '../features/plans/useMyPlans.ts';
import { CopyField } from './CopyField.tsx';
import { navigate } from './router.ts';

export function Home() {
  const [demoBusy, setDemoBusy] = useState(false);
  const [name, setName] = useState('');
  // Who creates it is its owner, named to everybody invited: a real name, not one this page made up.
  const [owner, setOwner] = useState(() => {
    const saved = loadUserName();
    return isGeneratedName(saved) ? '' : saved;
  });
  const [createBusy, setCreateBusy] = useState(false);
  const [created, setCreated] = useState<CreatedPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const myPlans = useMyPlans();
  const dispatch = useAppDispatch();

  const openDemo = async () => {
    setDemoBusy(true);
    setError(null);
    try {
      navigate((await fetchDemo()).organisePath);
    } catch (err) {
      setError((err as Error).message);
      setDemoBusy(false);
    }
  };

  // The form a new plan replaces had the focus: it moves to Open the plan, where the planner goes next (the news is
  // its description, read out with it).
  const openCreated = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (created) openCreated.current?.focus();
  }, [created]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError('Give the plan a name.');
    const me = owner.trim();
    if (!me) return setError('Give your name: everybody you invite to the plan sees it.');
    setCreateBusy(true);
    setError(null);
    try {
      saveUserName(me.slice(0, 80));
      const plan = await createPlan(trimmed, me.slice(0, 80));
      // Listed at once: a planner who creates another plan, or leaves, before opening this one still finds it here.
      myPlans.remember({ path: plan.organisePath, name: plan.name, role: 'organise', owner: true });
      setCreated(plan);
      // Its creator is a member now (maybe this browser's first session): the account card can show.
      dispatch(dataApi.util.invalidateTags(['Me']));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setCreateBusy(false);
    }
  };

  return (
    <main className="centered-page home">
      <div className="home__intro">
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark" />
        </div>
        <h1>Seatfold</h1>
        <p className="lead">Seating plans for big events, planned together in real time.</p>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="home-error">
          {error}
        </p>
      )}
      <div className="home__cards">
        <section className="card">
          <h2>Try the demo</h2>
          <p className="muted">A company party with 1,500 guests, 150 tables and three rooms.</p>
          <button type="button" className="button button--primary" data-testid="open-demo" onClick={openDemo} disabled={demoBusy}>
            {demoBusy ? 'Opening…' : 'Open the demo plan'}
          </button>
        </section>
        <section className="card">
          <h2>Create a new plan</h2>
          {created ? (
            <div className="created" data-testid="created-plan">
              <p id="created-ready">
                <strong>{created.name}</strong> is ready, and you are its owner in this browser. Keep the organiser link to come back.
              </p>
              {/* A new plan opens to its members only: the links alone let nobody else in (plans/create.ts). */}
              <p className="muted" data-testid="created-members-only">
                For now only you can open it. To bring others in, open the plan and use <strong>Members</strong>: invite people by name with a link
                each, or switch on “Anyone with the organiser link can organise” (or the review link) there.
              </p>
              <CopyField label="Organiser link" hint="can edit" url={absolute(created.organisePath)} testId="created-organise-link" />
              <CopyField label="Review link" hint="read only" url={absolute(created.reviewPath)} testId="created-review-link" />
              <div className="created__actions">
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="open-created-plan"
                  aria-describedby="created-ready"
                  ref={openCreated}
                  onClick={() => navigate(created.organisePath)}
                >
                  Open the plan
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setCreated(null);
                    setName('');
                  }}
                >
                  Create another
                </button>
              </div>
            </div>
          ) : (
            <form onSubmit={create} className="create-form">
              <label htmlFor="plan-name">Plan name</label>
              <input
                id="plan-name"
                data-testid="new-plan-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                maxLength={200}
                placeholder="e.g. Summer gala 2026"
                required
              />
              <label htmlFor="plan-owner">Your name</label>
              <input
                id="plan-owner"
                data-testid="new-plan-owner"
                value={owner}
                onChange={(e) => setOwner(e.target.value)}
                maxLength={80}
                autoComplete="name"
                placeholder="e.g. Anna Schmidt"
                aria-describedby="plan-owner-hint"
                required
              />
              <p id="plan-owner-hint" className="muted">
                Shown to everybody you plan with.
              </p>
              <button type="submit" className="button" data-testid="create-plan" disabled={createBusy}>
                {createBusy ? 'Creating…' : 'Create plan'}
              </button>
            </form>
          )}
        </section>
      </div>
      <MyPlans plans={myPlans.plans} forget={myPlans.forget} />
      <AccountEmail />
    </main>
  );
}
