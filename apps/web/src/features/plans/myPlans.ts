import type { Role } from '@seatfold/sync';
import type { KeyValueStorage } from '../../app/persist.ts';

/**
 * "My plans": the plans this browser has opened, remembered in localStorage so a planner who loses a link can
 * still get back in from the start page. Only what the browser already had is kept: the plan's path — which IS
 * the share link, token included, so anybody who can read this browser's storage could already read its history —
 * the name and role the server showed, and when it was opened. Nothing is sent anywhere; forgetting an entry
 * removes it from this list only, never the plan from the server.
 */
export interface RememberedPlan {
  /** the plan's path, /p/<token>: the link itself */
  path: string;
  name: string;
  role: Role;
  /** this browser's person owns the plan (its role is then organise): listed as "Owner", as the plan's badge says */
  owner?: true;
  /** epoch milliseconds */
  lastOpened: number;
}

export const MY_PLANS_KEY = 'seatfold:my-plans';
export const MY_PLANS_MAX = 50;
const FORMAT = 1;
/** The shape of a plan link (as ui/paths.ts's planToken accepts it): nothing else may become a link on the home page. */
const PLAN_PATH = /^\/p\/[A-Za-z0-9_-]{1,200}$/;
const NAME_MAX = 200;

const ownerOf = (p: { owner?: unknown; role: Role }) => (p.owner === true && p.role === 'organise' ? { owner: true as const } : {});

function isRemembered(x: unknown): x is RememberedPlan {
  if (!x || typeof x !== 'object') return false;
  const p = x as Record<string, unknown>;
  return (
    typeof p.path === 'string' &&
    PLAN_PATH.test(p.path) &&
    typeof p.name === 'string' &&
    (p.role === 'organise' || p.role === 'review') &&
    typeof p.lastOpened === 'number' &&
    Number.isFinite(p.lastOpened)
  );
}

/** The remembered plans, newest first, at most MY_PLANS_MAX; [] when nothing (trustworthy) is stored. */
export function loadMyPlans(storage: KeyValueStorage): RememberedPlan[] {
  let raw: string | null;
  try {
    raw = storage.getItem(MY_PLANS_KEY);
  } catch {
    return []; // storage disabled: the list is simply empty
  }
  if (!raw) return [];
  try {
    const data = JSON.parse(raw) as { format?: unknown; plans?: unknown };
    if (data?.format !== FORMAT || !Array.isArray(data.plans)) return [];
    const seen = new Set<string>();
    return data.plans
      .filter(isRemembered)
      .map((p) => ({ path: p.path, name: p.name.slice(0, NAME_MAX), role: p.role, ...ownerOf(p), lastOpened: p.lastOpened }))
      .sort((a, b) => b.lastOpened - a.lastOpened)
      .filter((p) => !seen.has(p.path) && !!seen.add(p.path))
      .slice(0, MY_PLANS_MAX);
  } catch {
    return [];
  }
}

function save(storage: KeyValueStorage, plans: RememberedPlan[]): void {
  try {
    if (plans.length === 0) storage.removeItem(MY_PLANS_KEY);
    else storage.setItem(MY_PLANS_KEY, JSON.stringify({ format: FORMAT, plans }));
  } catch {
    // Storage full or disabled (private mode): the plan still works, it is just not remembered.
  }
}

/** Records that this browser opened a plan now: moves it to the top (one entry per path), drops the oldest beyond the cap. */
export function rememberPlan(storage: KeyValueStorage, plan: Omit<RememberedPlan, 'lastOpened'>, now = Date.now()): RememberedPlan[] {
  const entry: RememberedPlan = { path: plan.path, name: plan.name.slice(0, NAME_MAX), role: plan.role, ...ownerOf(plan), lastOpened: now };
  if (!isRemembered(entry)) return loadMyPlans(storage);
  const plans = [entry, ...loadMyPlans(storage).filter((p) => p.path !== entry.path)].slice(0, MY_PLANS_MAX);
  save(storage, plans);
  return plans;
}

/** Removes one plan from this browser's list (the plan itself stays on the server, reachable by its link). */
export function forgetPlan(storage: KeyValueStorage, path: string): RememberedPlan[] {
  const plans = loadMyPlans(storage).filter((p) => p.path !== path);
  save(storage, plans);
  return plans;
}

/** "just now", "5 minutes ago", "yesterday", "3 days ago", else the date: when a plan was last opened. */
export function openedAgo(then: number, now = Date.now()): string {
  const minutes = Math.floor((now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(then).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' });
}
