import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../../app/persist.ts';
import { forgetPlan, loadMyPlans, MY_PLANS_KEY, MY_PLANS_MAX, openedAgo, rememberPlan } from './myPlans.ts';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const gala = { path: '/p/orgGala123', name: 'Sommerfest 2026', role: 'organise' as const };
const review = { path: '/p/revXmas456', name: 'Weihnachtsfeier', role: 'review' as const };

describe('my plans (plans this browser opened)', () => {
  it('lists remembered plans newest first, with name, role and when they were last opened', () => {
    const st = memoryStorage();
    rememberPlan(st, gala, 1_000);
    rememberPlan(st, review, 2_000);
    expect(loadMyPlans(st)).toEqual([
      { ...review, lastOpened: 2_000 },
      { ...gala, lastOpened: 1_000 },
    ]);
  });

  it('keeps one entry per link: opening a plan again moves it to the top with the new time and name', () => {
    const st = memoryStorage();
    rememberPlan(st, gala, 1_000);
    rememberPlan(st, review, 2_000);
    rememberPlan(st, { ...gala, name: 'Sommerfest' }, 3_000);
    expect(loadMyPlans(st).map((p) => [p.path, p.name, p.lastOpened])).toEqual([
      [gala.path, 'Sommerfest', 3_000],
      [review.path, review.name, 2_000],
    ]);
  });

  it('remembers that this browser’s person owns a plan (listed as Owner), never for a review link or from a stored "yes"', () => {
    const st = memoryStorage();
    rememberPlan(st, { ...gala, owner: true }, 1_000);
    rememberPlan(st, { ...review, owner: true }, 2_000);
    expect(loadMyPlans(st).map((p) => [p.path, p.owner ?? false])).toEqual([
      [review.path, false],
      [gala.path, true],
    ]);
    st.map.set(MY_PLANS_KEY, JSON.stringify({ format: 1, plans: [{ ...gala, owner: 'yes', lastOpened: 1 }] }));
    expect(loadMyPlans(st)[0]!.owner).toBeUndefined();
  });

  it('stores nothing but path, name, role and time', () => {
    const st = memoryStorage();
    rememberPlan(st, { ...gala, secret: 'x' } as typeof gala, 1_000);
    expect(JSON.parse(st.map.get(MY_PLANS_KEY)!)).toEqual({ format: 1, plans: [{ ...gala, lastOpened: 1_000 }] });
  });

  it(`never keeps more than ${MY_PLANS_MAX} plans: the least recently opened go first`, () => {
    const st = memoryStorage();
    for (let i = 0; i < MY_PLANS_MAX + 7; i++) rememberPlan(st, { path: `/p/plan${i}`, name: `Plan ${i}`, role: 'organise' }, 1_000 + i);
    const plans = loadMyPlans(st);
    expect(plans).toHaveLength(MY_PLANS_MAX);
    expect(plans[0]!.path).toBe(`/p/plan${MY_PLANS_MAX + 6}`);
    expect(plans.at(-1)!.path).toBe('/p/plan7');
    expect((JSON.parse(st.map.get(MY_PLANS_KEY)!) as { plans: unknown[] }).plans).toHaveLength(MY_PLANS_MAX);
  });

  it('forgets one plan from the list and leaves the others; forgetting the last clears the key', () => {
    const st = memoryStorage();
    rememberPlan(st, gala, 1_000);
    rememberPlan(st, review, 2_000);
    expect(forgetPlan(st, review.path)).toEqual([{ ...gala, lastOpened: 1_000 }]);
    expect(loadMyPlans(st)).toEqual([{ ...gala, lastOpened: 1_000 }]);
    expect(forgetPlan(st, '/p/notThere')).toHaveLength(1);
    forgetPlan(st, gala.path);
    expect(loadMyPlans(st)).toEqual([]);
    expect(st.map.has(MY_PLANS_KEY)).toBe(false);
  });

  it('refuses to remember or list anything that is not a plan link (no javascript: or outside links on the home page)', () => {
    const st = memoryStorage();
    for (const path of ['javascript:alert(1)', 'https://evil.example/p/abc', '/p/../admin', '//evil.example', '/p/', '/p/abc/print']) {
      rememberPlan(st, { ...gala, path }, 1_000);
    }
    expect(loadMyPlans(st)).toEqual([]);
    st.map.set(
      MY_PLANS_KEY,
      JSON.stringify({
        format: 1,
        plans: [
          { ...gala, path: 'javascript:alert(1)', lastOpened: 5 },
          { ...review, lastOpened: 4 },
          { ...gala, role: 'admin', lastOpened: 3 },
        ],
      }),
    );
    expect(loadMyPlans(st)).toEqual([{ ...review, lastOpened: 4 }]);
  });

  it('reads damaged or foreign storage as an empty list, and survives storage that throws', () => {
    const st = memoryStorage();
    for (const raw of ['not json', '{"format":2,"plans":[]}', '{"format":1,"plans":"x"}', 'null', '[]']) {
      st.map.set(MY_PLANS_KEY, raw);
      expect(loadMyPlans(st), raw).toEqual([]);
    }
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(loadMyPlans(broken)).toEqual([]);
    expect(rememberPlan(broken, gala, 1_000)).toEqual([{ ...gala, lastOpened: 1_000 }]);
  });

  it('says when a plan was last opened in words', () => {
    const now = Date.UTC(2026, 5, 20, 12);
    expect(openedAgo(now - 10_000, now)).toBe('just now');
    expect(openedAgo(now - 60_000, now)).toBe('1 minute ago');
    expect(openedAgo(now - 45 * 60_000, now)).toBe('45 minutes ago');
    expect(openedAgo(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(openedAgo(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(openedAgo(now - 4 * 86_400_000, now)).toBe('4 days ago');
    expect(openedAgo(Date.UTC(2026, 0, 2, 12), now)).toBe('Jan 2, 2026');
  });
});
