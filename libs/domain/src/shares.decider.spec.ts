import { spec } from '../../testing/src/decider-spec.js';
import { memberDecider } from './deciders.js';
import type { Actor } from './event.js';
import type { MemberCommand, MemberContext } from './member.commands.js';
import type { MemberEvent } from './member.events.js';
import { sharedRights } from './share-rights.js';
import { actor, by, memberState, memEv, NOW, ORG, orgState, PEOPLE, type Person } from './scenario.fixture.js';

const member = spec(memberDecider);
const now = NOW;
const at = NOW.toISOString();
const owner = PEOPLE.anna.memberId;
const ctx = (who: Person, extra: Partial<MemberContext> = {}): MemberContext => ({ now, actor: actor(who) as Actor, organization: orgState(), ...extra });
const share = (shareId: string, holder: Person, extra: Partial<Extract<MemberCommand, { type: 'ShareAccess' }>> = {}) => ({
  type: 'ShareAccess' as const,
  memberId: owner,
  shareId,
  resource: 'address-book' as const,
  holderMemberId: PEOPLE[holder].memberId,
  actions: ['read' as const],
  ...extra,
});

/** Runs commands one after another, each on the state the previous ones left. */
function run(steps: Array<[MemberCommand, MemberContext]>): MemberEvent[] {
  const events: MemberEvent[] = [];
  for (const [command, context] of steps) events.push(...memberDecider.decide(command, memberState(events), context));
  return events;
}

describe('shares decider', () => {
  it('R-SHR-1 by default no one else, administrators included, can see or share a member\'s resources', () => {
    const state = memberState([]);
    expect(sharedRights(state.shares, PEOPLE.mr.memberId, 'address-book', NOW)).toEqual({ actions: [], grantable: [], authorize: false });
    member.given([]).when(share('s1', 'bo'), ctx('mr')).thenFails('NOT_AUTHORIZED');
    member.given([]).when({ ...share('s1', 'anna'), memberId: PEOPLE.carl.memberId }, ctx('bo')).thenFails('NOT_AUTHORIZED');
  });

  it('R-SHR-2 the owner shares action, grantable and authorize rights', () => {
    member.given([]).when(share('s1', 'bo', { actions: ['read', 'edit'], grantable: ['read'], authorize: true }), ctx('anna')).then([
      {
        type: 'AccessShared',
        data: {
          organizationId: ORG,
          memberId: owner,
          shareId: 's1',
          resource: 'address-book',
          holderMemberId: PEOPLE.bo.memberId,
          actions: ['edit', 'read'],
          grantable: ['read'],
          authorize: true,
          via: 'owner',
          schemaVersion: 1,
          occurredAt: at,
          by: by('anna'),
        },
      },
    ]);
    member.given([]).when(share('s1', 'bo', { actions: [] }), ctx('anna')).thenFails('INVALID_SHARE_RIGHTS');
    member.given([]).when(share('s1', 'bo', { actions: ['read'], grantable: ['edit'] }), ctx('anna')).thenFails('INVALID_SHARE_RIGHTS');
    member.given([]).when(share('s1', 'anna'), ctx('anna')).thenFails('INVALID_SHARE_RIGHTS');
  });

  it('R-SHR-2 a holder passes on only what it was made able to pass on', () => {
    const base = run([[share('s1', 'bo', { actions: ['read', 'edit'], grantable: ['read'] }), ctx('anna')]]);
    member.given(base).when(share('s2', 'carl'), ctx('bo')).thenMatch([{ type: 'AccessShared', data: { via: 'share', parentShareId: 's1', actions: ['read'] } }]);
    member.given(base).when(share('s2', 'carl', { actions: ['edit'] }), ctx('bo')).thenFails('SHARE_RIGHTS_EXCEEDED');
    member.given(base).when(share('s2', 'carl', { grantable: ['read'] }), ctx('bo')).thenFails('SHARE_RIGHTS_EXCEEDED');
    member.given(base).when(share('s2', 'carl', { authorize: true }), ctx('bo')).thenFails('SHARE_RIGHTS_EXCEEDED');
    const authorized = run([[share('s1', 'bo', { actions: ['read'], grantable: ['read'], authorize: true }), ctx('anna')]]);
    member.given(authorized).when(share('s2', 'carl', { grantable: ['read'] }), ctx('bo')).thenMatch([{ type: 'AccessShared', data: { grantable: ['read'], parentShareId: 's1' } }]);
  });

  it('R-SHR-3 L1–L2 administrators share a member\'s workspace, grantable rights included, never with themselves', () => {
    const workspace = { resource: 'workspace' as const, actions: ['read' as const, 'edit' as const], grantable: ['read' as const], authorize: true };
    member.given([]).when(share('s1', 'bo', workspace), ctx('l2')).thenMatch([{ type: 'AccessShared', data: { via: 'administrator', authorize: true, by: by('l2') } }]);
    member.given([]).when(share('s1', 'bo', workspace), ctx('l1hr')).thenMatch([{ type: 'AccessShared', data: { via: 'administrator' } }]);
    member.given([]).when(share('s1', 'l2', workspace), ctx('l2')).thenFails('SELF_GRANT_FORBIDDEN');
    member.given([]).when(share('s1', 'bo', workspace), ctx('l3hr')).thenFails('NOT_AUTHORIZED');
    member.given([]).when(share('s1', 'bo'), ctx('l2')).thenFails('NOT_AUTHORIZED');
    member.given([]).when({ ...share('s1', 'anna', workspace), memberId: PEOPLE.bo.memberId }, ctx('l1hr')).thenFails('NOT_AUTHORIZED');
  });

  it('R-ADM-5 nobody shares with themselves, not even through a held share', () => {
    const base = run([[share('s1', 'bo', { grantable: ['read'] }), ctx('anna')]]);
    member.given(base).when(share('s2', 'bo'), ctx('bo')).thenFails('SELF_GRANT_FORBIDDEN');
  });

  it('R-SHR-4 a workspace holder switches into the owner\'s workspace; the switch is recorded', () => {
    const base = run([[share('s1', 'bo', { resource: 'workspace' }), ctx('anna')]]);
    const boMember = memberState([memEv.grant(PEOPLE.bo.memberId, 'g-bo', { service: 'payroll' })]);
    member.given(base).when({ type: 'SwitchWorkspace', memberId: owner }, ctx('bo', { actorMember: boMember })).then([
      { type: 'WorkspaceSwitched', data: { organizationId: ORG, memberId: owner, shareId: 's1', resource: 'workspace', holderMemberId: PEOPLE.bo.memberId, schemaVersion: 1, occurredAt: at, by: by('bo') } },
    ]);
    member.given(base).when({ type: 'SwitchWorkspace', memberId: owner }, ctx('carl', { actorMember: memberState([]) })).thenFails('NOT_AUTHORIZED');
    member.given(base).when({ type: 'SwitchWorkspace', memberId: owner }, ctx('bo', { actorMember: memberState([]) })).thenFails('NOT_AUTHORIZED');
  });

  it('R-SHR-5 revoking a share revokes everything passed on from it, in the same decision', () => {
    const chain = run([
      [share('s1', 'bo', { grantable: ['read'], authorize: true }), ctx('anna')],
      [share('s2', 'carl', { grantable: ['read'], authorize: true }), ctx('bo')],
      [share('s3', 'l4', {}), ctx('carl')],
      [share('s4', 'l2', {}), ctx('anna')],
    ]);
    member.given(chain).when({ type: 'RevokeShare', memberId: owner, shareId: 's1', reason: 'done' }, ctx('anna')).thenMatch([
      { type: 'ShareRevoked', data: { shareId: 's1', holderMemberId: PEOPLE.bo.memberId, cause: 'revoked', reason: 'done' } },
      { type: 'ShareRevoked', data: { shareId: 's2', cascadedFrom: 's1' } },
      { type: 'ShareRevoked', data: { shareId: 's3', cascadedFrom: 's1' } },
    ]);
    member.given(chain).when({ type: 'RevokeShare', memberId: owner, shareId: 's2' }, ctx('bo')).thenMatch([{ data: { shareId: 's2' } }, { data: { shareId: 's3' } }]);
    member.given(chain).when({ type: 'RevokeShare', memberId: owner, shareId: 's1' }, ctx('l4')).thenFails('NOT_AUTHORIZED');
    member.given(chain).when({ type: 'RevokeShare', memberId: owner, shareId: 'nope' }, ctx('anna')).thenFails('SHARE_NOT_FOUND');
  });
});
