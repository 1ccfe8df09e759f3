export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly planId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`plan ${planId}: expected stream version ${expectedVersion}, but it is at ${actualVersion}`);
  }
}

export class DuplicateCommandError extends Error {
  override readonly name = 'DuplicateCommandError';
  constructor(
    readonly planId: string,
    readonly commandIds: string[],
  ) {
    super(`plan ${planId}: command id(s) already stored: ${commandIds.join(', ')}`);
  }
}

export class PlanExistsError extends Error {
  override readonly name = 'PlanExistsError';
}

/** Name of the violated constraint if `err` is a unique violation (SQLSTATE 23505) from pg or PGlite. */
export function uniqueViolation(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const { code, constraint } = err as { code?: unknown; constraint?: unknown };
  return code === '23505' ? (typeof constraint === 'string' ? constraint : '') : null;
}
