import { useRef, useState, type MouseEvent } from 'react';
import { navigate } from '../../ui/router.ts';
import { openedAgo, type RememberedPlan } from './myPlans.ts';
import type { MyPlansList } from './useMyPlans.ts';
import './my-plans.css';

const ROLE_TEXT = { organise: 'Organiser', review: 'Review only' } as const;
const planName = (p: RememberedPlan) => p.name.trim() || 'Untitled plan';
const roleText = (p: RememberedPlan) => (p.owner ? 'Owner' : ROLE_TEXT[p.role]);

/**
 * The start page's "Your plans": every plan this browser opened, newest first, each a link; "Forget" removes an
 * entry from this browser's list only. (Renaming a plan needs a domain command and is not offered here.)
 */
export function MyPlans({ plans, forget }: Pick<MyPlansList, 'plans' | 'forget'>) {
  const [said, setSaid] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const now = Date.now();

  const onForget = (index: number) => {
    const plan = plans[index]!;
    forget(plan.path);
    setSaid(`${planName(plan)} was removed from this list. Its link still works.`);
    // Keep keyboard focus in the list: on the entry that moved into this place, else the one before, else the heading.
    requestAnimationFrame(() => {
      const links = listRef.current?.querySelectorAll<HTMLElement>('[data-testid="my-plan-link"]');
      const next = links?.[Math.min(index, links.length - 1)];
      (next ?? headingRef.current)?.focus();
    });
  };

  return (
    <section className="card my-plans" aria-labelledby="my-plans-title" data-testid="my-plans">
      <h2 id="my-plans-title" ref={headingRef} tabIndex={-1}>
        Your plans on this browser
      </h2>
      {plans.length === 0 ? (
        <p className="muted" data-testid="my-plans-empty">
          No plans yet. Plans you open here — the demo, one you create, or one somebody shares with you by link — are listed here, so you can find
          them again without the link.
        </p>
      ) : (
        <ul className="my-plans__list" ref={listRef}>
          {plans.map((p, i) => (
            <li key={p.path} className="my-plans__item" data-testid="my-plan" data-role={p.role}>
              <a className="my-plans__link" href={p.path} data-testid="my-plan-link" onClick={(e) => followInApp(e, p.path)}>
                <span className="my-plans__name">{planName(p)}</span>
                <span className="my-plans__meta">
                  <span className={`role-badge role-badge--${p.role}`} data-testid="my-plan-role">
                    {roleText(p)}
                  </span>
                  <span className="muted">
                    opened <time dateTime={new Date(p.lastOpened).toISOString()}>{openedAgo(p.lastOpened, now)}</time>
                  </span>
                </span>
              </a>
              <button
                type="button"
                className="button button--small"
                data-testid="forget-plan"
                aria-label={`Forget ${planName(p)} (${roleText(p)}) on this browser`}
                onClick={() => onForget(i)}
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      {plans.length > 0 && (
        <p className="muted my-plans__note">Forget only removes a plan from this list; the plan and its links stay as they are.</p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
    </section>
  );
}

/** A plain click stays in the app; a middle or modified click opens a new tab as a link should. */
function followInApp(e: MouseEvent<HTMLAnchorElement>, path: string) {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(path);
}
