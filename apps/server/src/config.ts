import path from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  /** other origins whose pages may open a socket (the server's own origin always may) */
  origins: string[];
  /** reverse proxies in front of the server whose X-Forwarded-For is trusted (0: none) */
  trustedProxies: number;
  /** SMTP for sign-in links (SEATFOLD_SMTP_URL + SEATFOLD_MAIL_FROM); null: no e-mail, owners issue fresh invites */
  mail: { smtpUrl: string; from: string } | null;
  /** the public address links in e-mails point to (SEATFOLD_PUBLIC_URL) */
  publicUrl: string | null;
  /** MB kept free on the database's disk: below it, changes are refused as retryable (SEATFOLD_DISK_RESERVE_MB; 0: off) */
  diskReserveMb: number | undefined;
  /** MB the database may hold: at it, changes are refused as retryable (SEATFOLD_DB_MAX_MB; unset or 0: no limit) */
  databaseMaxMb: number | undefined;
  /** new plans one address may create a minute (SEATFOLD_PLANS_PER_MINUTE; unset: 10): more where many planners share one */
  plansPerMinute: number | undefined;
}

/** Reads the environment; a bad value stops start-up with a message that says what to fix. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a number from 0 to 65535, got ${JSON.stringify(env.PORT)}`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return {
    port,
    host: env.HOST || undefined,
    databaseUrl,
    dataDir: path.resolve(env.SEATFOLD_DATA_DIR ?? '.seatfold-data'),
    demo: env.SEATFOLD_DEMO !== '0',
    origins: readOrigins(env.SEATFOLD_ORIGINS),
    trustedProxies: readTrustedProxies(env.SEATFOLD_TRUST_PROXY),
    diskReserveMb: readMegabytes(
      env.SEATFOLD_DISK_RESERVE_MB,
      'SEATFOLD_DISK_RESERVE_MB',
      "the megabytes to keep free on the database's disk",
      'turns the check off',
    ),
    databaseMaxMb: readMegabytes(env.SEATFOLD_DB_MAX_MB, 'SEATFOLD_DB_MAX_MB', 'the megabytes the database may hold', 'means no limit'),
    plansPerMinute: readPlansPerMinute(env.SEATFOLD_PLANS_PER_MINUTE),
    ...readMail(env),
  };
}

function readMail(env: NodeJS.ProcessEnv): Pick<Config, 'mail' | 'publicUrl'> {
  const smtpUrl = env.SEATFOLD_SMTP_URL?.trim() || undefined;
  const from = env.SEATFOLD_MAIL_FROM?.trim() || undefined;
  const rawPublic = env.SEATFOLD_PUBLIC_URL?.trim() || undefined;
  let publicUrl: string | null = null;
  if (rawPublic) {
    let u: URL | null = null;
    try {
      u = new URL(rawPublic);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:'))
      throw new Error(
        `SEATFOLD_PUBLIC_URL must be the address people open Seatfold at, such as https://seats.example.org, got ${JSON.stringify(rawPublic)}`,
      );
    publicUrl = u.origin;
  }
  if (!smtpUrl && !from) return { mail: null, publicUrl };
  if (!smtpUrl || !from)
    throw new Error(
      'Set both SEATFOLD_SMTP_URL (e.g. smtp://user:password@mail.example.org:587) and SEATFOLD_MAIL_FROM (e.g. seatfold@example.org) to send sign-in links, or neither.',
    );
  if (!/^smtps?:\/\//.test(smtpUrl)) throw new Error('SEATFOLD_SMTP_URL must start with smtp:// or smtps://');
  // Sign-in links must point at the public address, never at whatever Host a request claimed.
  if (!publicUrl)
    throw new Error('Sending sign-in links needs SEATFOLD_PUBLIC_URL (the address people open Seatfold at, e.g. https://seats.example.org).');
  return { mail: { smtpUrl, from }, publicUrl };
}

function readMegabytes(raw: string | undefined, name: string, what: string, zero: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000_000)
    throw new Error(`${name} must be ${what} (0 to 1000000000; 0 ${zero}), got ${JSON.stringify(raw)}`);
  return n;
}

function readPlansPerMinute(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new Error(`SEATFOLD_PLANS_PER_MINUTE must be the new plans one address may create a minute (1 to 10000), got ${JSON.stringify(raw)}`);
  return n;
}

function readTrustedProxies(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new Error(`SEATFOLD_TRUST_PROXY must be the number of reverse proxies in front of Seatfold (0 to 10), got ${JSON.stringify(raw)}`);
  return n;
}

function readOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of list) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o.replace(/\/+$/, '');
    } catch {
      ok = false;
    }
    if (!ok)
      throw new Error(`SEATFOLD_ORIGINS must be a comma-separated list of origins such as https://seats.example.org, got ${JSON.stringify(o)}`);
  }
  return list;
}
