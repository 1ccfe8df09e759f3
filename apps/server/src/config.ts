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
  };
}

function readTrustedProxies(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`SEATFOLD_TRUST_PROXY must be the number of reverse proxies in front of Seatfold (0 to 10), got ${JSON.stringify(raw)}`);
  return n;
}

function readOrigins(raw: string | undefined): string[] {
  const list = (raw ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of list) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o.replace(/\/+$/, '');
    } catch {
      ok = false;
    }
    if (!ok) throw new Error(`SEATFOLD_ORIGINS must be a comma-separated list of origins such as https://seats.example.org, got ${JSON.stringify(o)}`);
  }
  return list;
}
