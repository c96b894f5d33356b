/**
 * A plausible, valid body for every command route of the API, keyed `METHOD /path/{param}` as the OpenAPI
 * document names it. The cross-tenant spec fails for a command route that has no entry here, so a new route
 * is covered as soon as it exists. `undefined` means the route takes no body.
 */
export interface BodyIds {
  /** The intruder's own organization (for references that are legitimately another organization). */
  intruderOrganizationId: string;
  /** A member of the victim organization, other than the one in the path (holders, delegates, administrators). */
  otherMemberId: string;
  /** An instant a few months after the test clock's now. */
  later: string;
}

type Body = object | undefined;

export const COMMAND_BODIES: Record<string, (ids: BodyIds) => Body> = {
  'POST /v1/services': () => ({ key: 'intruder-service', name: 'Intruder' }),
  'POST /v1/packages': () => ({ key: 'intruder-package', name: 'Intruder', services: ['payroll'] }),
  'POST /v1/organizations': () => ({ name: 'Intrång AB', orgNumber: '212000-0142' }),
  'POST /v1/organizations/{org}/agreement/termination': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/agreement/renewal': () => ({}),
  'POST /v1/organizations/{org}/subscriptions': () => ({ service: 'journal' }),
  'POST /v1/organizations/{org}/main-responsibles': () => ({ subject: 'intruder', name: 'Intruder', email: 'intruder@example.se' }),
  'DELETE /v1/organizations/{org}/main-responsibles/{member}': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/main-responsibles/{member}/extension': ({ later }) => ({ validUntil: later }),
  'POST /v1/organizations/{org}/delegates': ({ otherMemberId }) => ({ memberId: otherMemberId }),
  'DELETE /v1/organizations/{org}/delegates/{member}': () => ({}),
  'POST /v1/organizations/{org}/delegates/{member}/extension': ({ later }) => ({ validUntil: later }),
  'POST /v1/organizations/{org}/administrators': ({ otherMemberId }) => ({ memberId: otherMemberId, level: 1 }),
  'DELETE /v1/organizations/{org}/administrators/{member}': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/administrators/{member}/extension': ({ later }) => ({ validUntil: later }),
  'POST /v1/organizations/{org}/units': () => ({ name: 'Intruders' }),
  'POST /v1/organizations/{org}/employer-codes': () => ({ code: 'X-666' }),
  'POST /v1/organizations/{org}/employer-codes/{code}/closure': () => ({}),
  'POST /v1/organizations/{org}/members': () => ({ email: 'mole@example.se', name: 'The Mole', type: 'employee' }),
  'POST /v1/organizations/{org}/members/{member}/invitation/resend': () => ({ message: 'Please click here' }),
  'POST /v1/organizations/{org}/members/{member}/invitation/acceptance': () => ({}),
  'POST /v1/organizations/{org}/members/{member}/employment-end': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/members/{member}/access-removal': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/members/{member}/deactivation': () => ({ reason: 'taken over' }),
  'DELETE /v1/organizations/{org}/members/{member}': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/members/{member}/grants': () => ({ service: 'payroll' }),
  'POST /v1/organizations/{org}/members/{member}/grants/{grant}/extension': ({ later }) => ({ validUntil: later }),
  'DELETE /v1/organizations/{org}/members/{member}/grants/{grant}': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/members/{member}/logins': () => ({}),
  'POST /v1/organizations/{org}/orders': () => ({ service: 'journal' }),
  'POST /v1/organizations/{org}/connection-applications': ({ intruderOrganizationId }) => ({ service: 'payroll', applicantOrganizationId: intruderOrganizationId }),
  'POST /v1/organizations/{org}/orders/{order}/attestation': () => ({}),
  'POST /v1/organizations/{org}/orders/{order}/rejection': () => ({ reason: 'taken over' }),
  'POST /v1/organizations/{org}/members/{owner}/shares': ({ otherMemberId }) => ({
    resource: 'workspace',
    memberId: otherMemberId,
    actions: ['read', 'edit'],
    grantable: ['read', 'edit'],
    authorize: true,
  }),
  'DELETE /v1/organizations/{org}/members/{owner}/shares/{share}': () => undefined,
  'POST /v1/organizations/{org}/members/{owner}/shares/{share}/switch': () => ({}),
};
