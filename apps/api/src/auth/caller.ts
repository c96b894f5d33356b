/** The role that lets a caller onboard organizations and run platform-wide checks (API.md). */
export const OPERATOR_ROLE = 'platform-operator';

/** Who is calling, as proven by a verified bearer token. Authorization decides from the write model, not from here (R-SEC-1). */
export interface Caller {
  /** The person's subject (e-ID), the token's `sub`. */
  subject: string;
  roles: string[];
  /** True when `roles` holds {@link OPERATOR_ROLE}. */
  operator: boolean;
  /**
   * Set only on commands this process issues itself (a scheduled job or a process manager, see
   * `systemContext`): the domain's actor is then `{ system }`. Never derived from a token.
   */
  system?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the AuthGuard on every non-public route. */
    caller?: Caller;
  }
}
