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
