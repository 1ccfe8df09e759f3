/** Why a command was refused, in words a planner can act on. `code` is for programs, `message` for people. */
export type DomainErrorCode =
  | 'InvalidCommand'
  | 'PlanNotCreated'
  | 'PlanAlreadyCreated'
  | 'AlreadyExists'
  | 'UnknownRoom'
  | 'UnknownPhysicalTable'
  | 'UnknownTable'
  | 'UnknownGuest'
  | 'TableFull'
  | 'GuestAlreadySeated'
  | 'GuestNotSeated'
  | 'SameTable'
  | 'TableLocked'
  | 'RoomNotEmpty'
  | 'PhysicalTableTaken'
  | 'CapacityTooSmall'
  | 'UnknownParty'
  | 'Stale'
  | 'UnknownFixture'
  | 'OutsideRoom'
  | 'Overlap'
  | 'PlanFull';

export interface DomainError {
  code: DomainErrorCode;
  message: string;
}

export function domainError(code: DomainErrorCode, message: string): DomainError {
  return { code, message };
}

const GONE = {
  room: 'UnknownRoom',
  'physical table': 'UnknownPhysicalTable',
  table: 'UnknownTable',
  guest: 'UnknownGuest',
  fixture: 'UnknownFixture',
} as const satisfies Record<string, DomainErrorCode>;

/**
 * A command names something that is not in the plan (any more): said in the planner's words, without its id, which
 * means nothing to a planner (the command that named it holds it for whoever looks).
 */
export function gone(what: keyof typeof GONE): DomainError {
  const they = what === 'guest' ? 'They' : 'It';
  return domainError(GONE[what], `That ${what} no longer exists. ${they} may have been removed by somebody else.`);
}
