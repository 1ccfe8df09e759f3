import { chromium, type CDPSession, type Page } from 'playwright-core';
import { ensureBenchDatabase } from './db.ts';
import { startSeatfold } from './fixture.ts';

/** One load of the demo plan: its page (a fresh browser context, as on a first visit), a CDP session on it, the plan's URL. */
export interface DemoLoad {
  page: Page;
  cdp: CDPSession;
  url: string;
}

/**
 * The first-render diagnostics' common frame: one Seatfold server on the bench database serving `webDist`, one
 * Chromium, and `loads + 1` loads of its demo plan, one after another, each in a context of its own closed after
 * `each` returns. Load 0 warms the server: `each` is told its number and skips it.
 */
export async function forEachDemoLoad(name: string, webDist: string, loads: number, each: (i: number, load: DemoLoad) => Promise<void>) {
  await ensureBenchDatabase();
  const ctx = { reps: 1, quick: true, profile: false, progress: (m: string) => console.log(m) };
  const seat = await startSeatfold(ctx, { name, staticDir: webDist });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (let i = 0; i <= loads; i++) {
      const context = await browser.newContext({ bypassCSP: true });
      try {
        const page = await context.newPage();
        await each(i, { page, cdp: await context.newCDPSession(page), url: `http://127.0.0.1:${seat.port}/p/${seat.token}` });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await seat.stop();
  }
}
