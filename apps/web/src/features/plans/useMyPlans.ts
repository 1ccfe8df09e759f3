import { useCallback, useEffect, useState } from 'react';
import { useAppSelector } from '../../app/store.ts';
import type { KeyValueStorage } from '../../app/persist.ts';
import { forgetPlan, loadMyPlans, MY_PLANS_KEY, rememberPlan, type RememberedPlan } from './myPlans.ts';

/** This browser's localStorage, or nothing when it is disabled (then plans are simply not remembered). */
function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // some browsers throw on access when site data is blocked
  }
}

/**
 * Remembers the open plan on this browser once the server has told its name and role. Only the path the
 * browser is already on (/p/<token>, the share link itself) is stored, never anything more secret. The name is
 * the plan's own as its events tell it (so a rename shows on the start page), else the one the link came with.
 */
export function useRememberPlan(token: string): void {
  const links = useAppSelector((s) => s.session.links);
  const name = useAppSelector((s) => s.plan.view.plan?.name ?? null);
  useEffect(() => {
    const storage = browserStorage();
    if (links && storage)
      rememberPlan(storage, {
        path: `/p/${token}`,
        name: name || links.name,
        role: links.role,
        ...(links.member === 'owner' ? { owner: true as const } : {}),
      });
  }, [links, name, token]);
}

export type MyPlansList = {
  plans: RememberedPlan[];
  forget: (path: string) => void;
  /** records a plan this browser just got a link to (a plan it created), so it is listed before anybody opens it */
  remember: (plan: Omit<RememberedPlan, 'lastOpened'>) => void;
};

/** The remembered plans (newest first), kept current when another tab changes them, and a way to add or forget one. */
export function useMyPlans(): MyPlansList {
  const [plans, setPlans] = useState<RememberedPlan[]>(() => {
    const storage = browserStorage();
    return storage ? loadMyPlans(storage) : [];
  });
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      const storage = browserStorage();
      if (storage && (e.key === MY_PLANS_KEY || e.key === null)) setPlans(loadMyPlans(storage));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const forget = useCallback((path: string) => {
    const storage = browserStorage();
    if (storage) setPlans(forgetPlan(storage, path));
  }, []);
  const remember = useCallback((plan: Omit<RememberedPlan, 'lastOpened'>) => {
    const storage = browserStorage();
    if (storage) setPlans(rememberPlan(storage, plan));
  }, []);
  return { plans, forget, remember };
}
