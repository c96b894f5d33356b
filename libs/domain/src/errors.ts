/**
 * Domain errors. `decide` throws a {@link DomainError} when a rule is broken; the HTTP layer maps
 * `kind` to a status (forbidden → 403, not-found → 404, conflict → 409, invalid → 422) and puts
 * `code` into the problem+json body.
 *
 * | code | kind | meaning |
 * |---|---|---|
 * | NOT_A_MEMBER | not-found | the caller is not an active member of this organization (404 so the organization is not revealed) |
 * | NOT_AUTHORIZED | forbidden | the caller holds no power for this command |
 * | OPERATOR_ONLY | forbidden | only the platform operator may do this (R-ORG-1, R-ORG-2) |
 * | MAIN_RESPONSIBLE_ONLY | forbidden | only a main responsible may do this (R-ORG-5: delegates, own authority R-TIME-3) |
 * | ADMIN_LEVEL_TOO_LOW | forbidden | the caller's administrator level does not allow this (R-ADM-2, R-GRT-2) |
 * | OUT_OF_SCOPE | forbidden | the target member or unit lies outside the caller's scope (R-ADM-3) |
 * | SELF_GRANT_FORBIDDEN | forbidden | nobody grants anything to themselves (R-ADM-5) |
 * | SAME_PERSON_ATTESTATION | forbidden | the attestant is the orderer (R-ORD-2) |
 * | ROLE_REQUIRED | forbidden | the caller lacks the business role the command needs (orderer, attestant, …) |
 * | SHARE_RIGHTS_EXCEEDED | forbidden | a holder tried to pass on more than it may (R-SHR-2) |
 * | SUBJECT_MISMATCH | forbidden | the invitation is bound to another person |
 * | ORGANIZATION_NOT_FOUND | not-found | no such organization (stream empty) |
 * | MEMBER_NOT_FOUND | not-found | no such member in this organization (or deleted) |
 * | GRANT_NOT_FOUND | not-found | no such grant on this member |
 * | SHARE_NOT_FOUND | not-found | no such share on this member's resources |
 * | ORDER_NOT_FOUND | not-found | no such order |
 * | APPOINTMENT_NOT_FOUND | not-found | the member holds no appointment of that role |
 * | ALREADY_EXISTS | conflict | the organization, member, unit, code, grant, appointment, service… already exists |
 * | MEMBER_INACTIVE | conflict | the member is deactivated, deleted, blocked, has left or its external end passed |
 * | NO_SYSTEM_ACCESS | conflict | the member's type has no system access (`person-only`, `no-system-access`) |
 * | ORGANIZATION_HEADLESS | conflict | no valid main responsible: nobody can act in the organization (R-ORG-4) |
 * | AGREEMENT_TERMINATED | conflict | the organization's agreement is terminated (R-ORG-4) |
 * | AGREEMENT_ACTIVE | conflict | renewal of an agreement that is active |
 * | SERVICE_NOT_SUBSCRIBED | conflict | the organization does not subscribe to the service |
 * | ALREADY_SUBSCRIBED | conflict | the organization already subscribes to the ordered service |
 * | EMPLOYER_CODE_CLOSED | conflict | the employer code is already closed |
 * | NOT_IN_GROUP | conflict | a main responsible's employer is neither the organization nor in its group (R-ORG-2) |
 * | RESELLER_MEMBERSHIP_REQUIRED | conflict | a reseller user is not an active member of the reseller's organization (R-MEM-1) |
 * | INVITATION_NOT_PENDING | conflict | no open invitation (already accepted, or the member was registered without one) |
 * | GRANT_ENDED | conflict | the grant was revoked, expired or its validity has passed |
 * | APPOINTMENT_ENDED | conflict | the appointment was dismissed, expired or its validity has passed |
 * | EMPLOYMENT_ALREADY_ENDED | conflict | the member's employment end is already in effect |
 * | ORDER_NOT_PENDING | conflict | the order was already attested, rejected or lapsed |
 * | ORDER_LAPSED | conflict | the order is older than 30 days (R-ORD-3) |
 * | NOT_DUE | conflict | a scheduled command (expiry, block, lapse, reminder) before its time |
 * | CAUSE_NOT_ESTABLISHED | conflict | automatic endings asked for a cause the organization has not recorded |
 * | VALIDITY_TOO_LONG | invalid | validity beyond 36 months from its start or extension (R-TIME-1, R-TIME-3) |
 * | INVALID_VALIDITY | invalid | validUntil not after validFrom / now |
 * | INSTANT_IN_PAST | invalid | a start or effective instant before now (the past is not rewritten) |
 * | INVALID_INSTANT | invalid | not an ISO-8601 instant |
 * | INVALID_ORG_NUMBER | invalid | not a Swedish organization number with a valid Luhn check digit (R-ORG-1) |
 * | EXTERNAL_END_DATE_REQUIRED | invalid | an external member needs a future end date (R-MEM-1) |
 * | INVALID_LEVEL | invalid | administrator level outside 1–4 |
 * | INVALID_SHARE_RIGHTS | invalid | empty or inconsistent share rights, or a share with the owner |
 * | UNKNOWN_SERVICE | invalid | the service key is not in the catalog |
 * | UNKNOWN_PACKAGE | invalid | the package key is not in the catalog |
 * | UNKNOWN_ROLE | invalid | not a business role of R-GRT-1 |
 * | UNKNOWN_UNIT | invalid | the unit id does not exist in this organization |
 * | UNKNOWN_EMPLOYER_CODE | invalid | the employer code does not exist in this organization |
 * | REASON_REQUIRED | invalid | a rejection needs a reason (R-ORD-3) |
 * | IDS_MISSING | invalid | the command carries fewer new ids than events to create |
 * | INVALID_INPUT | invalid | a required field is empty or malformed |
 */
export const ERROR_KINDS = {
  NOT_A_MEMBER: 'not-found',
  NOT_AUTHORIZED: 'forbidden',
  OPERATOR_ONLY: 'forbidden',
  MAIN_RESPONSIBLE_ONLY: 'forbidden',
  ADMIN_LEVEL_TOO_LOW: 'forbidden',
  OUT_OF_SCOPE: 'forbidden',
  SELF_GRANT_FORBIDDEN: 'forbidden',
  SAME_PERSON_ATTESTATION: 'forbidden',
  ROLE_REQUIRED: 'forbidden',
  SHARE_RIGHTS_EXCEEDED: 'forbidden',
  SUBJECT_MISMATCH: 'forbidden',
  ORGANIZATION_NOT_FOUND: 'not-found',
  MEMBER_NOT_FOUND: 'not-found',
  GRANT_NOT_FOUND: 'not-found',
  SHARE_NOT_FOUND: 'not-found',
  ORDER_NOT_FOUND: 'not-found',
  APPOINTMENT_NOT_FOUND: 'not-found',
  ALREADY_EXISTS: 'conflict',
  MEMBER_INACTIVE: 'conflict',
  NO_SYSTEM_ACCESS: 'conflict',
  ORGANIZATION_HEADLESS: 'conflict',
  AGREEMENT_TERMINATED: 'conflict',
  AGREEMENT_ACTIVE: 'conflict',
  SERVICE_NOT_SUBSCRIBED: 'conflict',
  ALREADY_SUBSCRIBED: 'conflict',
  EMPLOYER_CODE_CLOSED: 'conflict',
  NOT_IN_GROUP: 'conflict',
  RESELLER_MEMBERSHIP_REQUIRED: 'conflict',
  INVITATION_NOT_PENDING: 'conflict',
  GRANT_ENDED: 'conflict',
  APPOINTMENT_ENDED: 'conflict',
  EMPLOYMENT_ALREADY_ENDED: 'conflict',
  ORDER_NOT_PENDING: 'conflict',
  ORDER_LAPSED: 'conflict',
  NOT_DUE: 'conflict',
  CAUSE_NOT_ESTABLISHED: 'conflict',
  VALIDITY_TOO_LONG: 'invalid',
  INVALID_VALIDITY: 'invalid',
  INSTANT_IN_PAST: 'invalid',
  INVALID_INSTANT: 'invalid',
  INVALID_ORG_NUMBER: 'invalid',
  EXTERNAL_END_DATE_REQUIRED: 'invalid',
  INVALID_LEVEL: 'invalid',
  INVALID_SHARE_RIGHTS: 'invalid',
  UNKNOWN_SERVICE: 'invalid',
  UNKNOWN_PACKAGE: 'invalid',
  UNKNOWN_ROLE: 'invalid',
  UNKNOWN_UNIT: 'invalid',
  UNKNOWN_EMPLOYER_CODE: 'invalid',
  REASON_REQUIRED: 'invalid',
  IDS_MISSING: 'invalid',
  INVALID_INPUT: 'invalid',
} as const;

export type ErrorCode = keyof typeof ERROR_KINDS;
export type ErrorKind = (typeof ERROR_KINDS)[ErrorCode];

/** A broken product rule. `code` is stable (clients switch on it); `message` is for humans and logs. */
export class DomainError extends Error {
  readonly kind: ErrorKind;

  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = ERROR_KINDS[code];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Throws `code` unless `condition` holds. */
export function ensure(condition: unknown, code: ErrorCode, message?: string, details?: Record<string, unknown>): asserts condition {
  if (!condition) throw new DomainError(code, message, details);
}
