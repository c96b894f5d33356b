import {
  agreementActiveAt,
  BUSINESS_ROLES,
  decideCatalog,
  decideMember,
  decideOrganization,
  DomainError,
  dueWork,
  evolveCatalog,
  evolveMember,
  evolveOrganization,
  initialCatalog,
  initialMember,
  initialOrganization,
  isOpenGrant,
  iso,
  loginEligibility,
  mainResponsiblesAt,
  memberStream,
  organizationDenials,
  organizationStream,
  type Actor,
  type CatalogState,
  type MemberCommand,
  type MemberEvent,
  type MemberState,
  type OrganizationCommand,
  type OrganizationEvent,
  type OrganizationState,
} from '@behorighet/domain';
import { ProgressWatch } from './history-progress.js';
import { HistoryRandom } from './history-random.js';
import type { HistoryAppend, HistoryOptions } from './realistic-history.js';

interface Org {
  id: string;
  state: OrganizationState;
  members: Record<string, MemberState>;
  memberIds: string[];
  mainResponsible: { subject: string; operator: false };
  services: string[];
  jobsRanAt: number;
  /** What the operator does the next time the organization is touched (a new main responsible, a renewal). */
  repair?: () => void;
}

const OPERATOR: Actor = { subject: 'operator-1', operator: true };
const JOB: Actor = { system: 'scheduler' };
const SERVICES = ['payroll', 'invoices', 'pension', 'archive', 'travel', 'reports', 'hr-files', 'time-reporting'];
const MAX_MEMBERS = 60;
/** Fruitless steps in a row before the operator steps in; healthy histories stay far below (seed 1's first 100,000 events: 18; small ones: ~150). */
const PATIENCE = 1000;

/** Decides the commands of a realistic history one step at a time (see `realisticHistory`). */
export class HistoryBuilder {
  private readonly random: HistoryRandom;
  private readonly orgs: Org[] = [];
  private catalog: CatalogState = initialCatalog();
  private now: number;
  private written = 0;
  private readonly pending: HistoryAppend[] = [];
  private readonly targetOrgs: number;
  private readonly start: number;
  private readonly spanMs: number;
  private readonly progress = new ProgressWatch(PATIENCE);

  constructor(private readonly options: HistoryOptions) {
    this.random = new HistoryRandom(options.seed ?? 1);
    this.start = Date.parse(options.start ?? '2021-01-01T08:00:00.000Z');
    this.now = this.start;
    this.targetOrgs = options.organizations ?? Math.max(2, Math.round(options.events / 500));
    this.spanMs = (options.years ?? 4) * 365 * 86_400_000;
  }

  *run(): Generator<HistoryAppend> {
    for (const key of SERVICES) this.catalogCommand({ type: 'RegisterService', key, name: key });
    this.catalogCommand({ type: 'DefinePackage', key: 'base', name: 'Base', services: SERVICES.slice(0, 3) });
    // Yielded before the loop, which a history of fewer events than the catalog's never enters.
    yield* this.pending.splice(0);
    while (this.written < this.options.events) {
      const before = this.written;
      // The clock follows the progress, so the history spans `years` whatever the mix of commands.
      const due = this.start + Math.round((this.spanMs * this.written) / this.options.events);
      this.now = Math.max(this.now + this.random.int(1, 120) * 1000, due);
      const growing = this.orgs.length < this.targetOrgs;
      // Organizations arrive during the first half of the history.
      if (growing && (this.orgs.length < 2 || this.written >= (this.orgs.length * this.options.events) / (2 * this.targetOrgs))) this.createOrganization();
      else this.act(this.random.pick(this.orgs));
      this.progress.step(this.written > before, () => this.unblock(), () => this.describeOrganizations());
      yield* this.pending.splice(0);
    }
  }

  private act(org: Org): void {
    this.runDueWork(org);
    if (org.repair) {
      const repair = org.repair;
      org.repair = undefined;
      return void repair();
    }
    const r = this.random.next();
    const someone = org.memberIds.length > 0 ? this.random.pick(org.memberIds) : undefined;
    if (someone === undefined || (org.memberIds.length < 8 && r < 0.5) || r < 0.04) return this.invite(org);
    if (r < 0.5) return this.login(org, someone);
    if (r < 0.72) return this.grant(org, someone);
    const open = Object.values(org.members[someone]?.grants ?? {}).filter((g) => isOpenGrant(g, this.now));
    const grant = open.length > 0 ? this.random.pick(open) : undefined;
    if (r < 0.84 && !grant) return this.grant(org, someone);
    if (r < 0.8 && grant) {
      const validUntil = iso(this.now + this.random.int(60, 900) * 86_400_000);
      return void this.member(org, org.mainResponsible, { type: 'ExtendGrant', memberId: someone, grantId: grant.grantId, validUntil });
    }
    if (r < 0.84 && grant) return void this.member(org, org.mainResponsible, { type: 'RevokeGrant', memberId: someone, grantId: grant.grantId, reason: 'no longer needed' });
    if (r < 0.86) return this.leave(org, someone, () => this.endEmployment(org, someone));
    if (r < 0.88) return void this.organization(org, org.mainResponsible, { type: 'AppointAdministrator', memberId: someone, level: this.random.int(1, 4) });
    if (r < 0.885) {
      const type = this.random.pick(['RemoveAccess', 'DeactivateUser', 'DeleteMember'] as const);
      return this.leave(org, someone, () => this.organization(org, org.mainResponsible, { type, memberId: someone }));
    }
    if (r < 0.887) return this.replaceMainResponsible(org);
    if (r < 0.888) return this.toggleAgreement(org);
    this.login(org, someone);
  }

  /** Most leavers stop coming by; a few keep trying to log in (and are denied). */
  private leave(org: Org, memberId: string, act: () => unknown): void {
    act();
    if (this.random.chance(0.8)) org.memberIds = org.memberIds.filter((id) => id !== memberId);
  }

  /** People who may log in do so often; the others try now and then (and are recorded as denied). */
  private login(org: Org, memberId: string): void {
    const member = org.members[memberId];
    const allowed = loginEligibility({ organization: org.state, member, memberId }, this.now).allowed;
    if (!allowed && this.random.chance(0.9)) return;
    this.member(org, { subject: this.subjectOf(org, memberId), operator: false }, { type: 'RecordLogin', memberId });
  }

  private createOrganization(): void {
    const id = this.random.uuid();
    const n = this.orgs.length;
    const org: Org = { id, state: initialOrganization(), members: {}, memberIds: [], mainResponsible: { subject: `mr-${id}`, operator: false }, services: [], jobsRanAt: this.now };
    this.orgs.push(org);
    this.organization(org, OPERATOR, { type: 'RegisterOrganization', organizationId: id, name: `Organization ${n + 1} AB`, orgNumber: orgNumber(n) });
    this.registerMainResponsible(org);
    for (const code of ['AG-1', 'AG-2']) this.organization(org, org.mainResponsible, { type: 'AddEmployerCode', code });
    this.organization(org, org.mainResponsible, { type: 'CreateUnit', unitId: this.random.uuid(), name: 'Finance' });
    for (const service of this.random.sample(SERVICES, this.random.int(2, 5))) {
      this.organization(org, OPERATOR, { type: 'SubscribeService', service });
      org.services.push(service);
    }
  }

  private registerMainResponsible(org: Org): void {
    const memberId = this.random.uuid();
    const subject = `sub-${memberId}`;
    const answer = this.organization(org, OPERATOR, { type: 'RegisterMainResponsible', memberId, subject, name: `Main ${memberId.slice(0, 4)}`, email: `mr-${memberId}@example.se` });
    if (answer) {
      org.mainResponsible = { subject, operator: false };
      org.memberIds.push(memberId);
    }
  }

  private invite(org: Org): void {
    if (org.memberIds.length >= MAX_MEMBERS) return;
    const memberId = this.random.uuid();
    const external = this.random.chance(0.1);
    const memberType = external ? 'external' : this.random.chance(0.15) ? 'consultant' : 'employee';
    const endsAt = external ? iso(this.now + this.random.int(90, 720) * 86_400_000) : undefined;
    const invited = this.organization(org, org.mainResponsible, {
      // The invitation names its person, who accepts it by logging in (R-MEM-2).
      type: 'InviteUser', memberId, memberType, name: `Person ${memberId.slice(0, 8)}`, email: `${memberId}@example.se`, subject: `sub-${memberId}`, endsAt,
    });
    if (!invited) return;
    org.memberIds.push(memberId);
    if (this.random.chance(0.92)) this.organization(org, { subject: `sub-${memberId}`, operator: false }, { type: 'AcceptInvitation', memberId });
  }

  private grant(org: Org, memberId: string): void {
    const validUntil = this.random.chance(0.3) ? iso(this.now + this.random.int(30, 1000) * 86_400_000) : undefined;
    const target = this.random.chance(0.75) && org.services.length > 0
      ? { service: this.random.pick(org.services) }
      : { role: this.random.pick(BUSINESS_ROLES) };
    const employerCodes = 'service' in target && this.random.chance(0.2) ? ['AG-1'] : undefined;
    this.member(org, org.mainResponsible, { type: 'IssueGrant', memberId, grantIds: [this.random.uuid()], target, employerCodes, validUntil });
  }

  private endEmployment(org: Org, memberId: string): void {
    const effectiveAt = this.random.chance(0.5) ? undefined : iso(this.now + this.random.int(1, 60) * 86_400_000);
    this.organization(org, org.mainResponsible, { type: 'EndEmployment', memberId, effectiveAt, reason: 'left the company' });
  }

  /** The main responsible is dismissed; a new one follows when the organization is next touched (a headless stretch, R-ORG-4). */
  private replaceMainResponsible(org: Org): void {
    const current = org.state.appointments.findLast((a) => a.role === 'main-responsible' && !a.ended);
    if (current) this.organization(org, OPERATOR, { type: 'DismissMainResponsible', memberId: current.memberId });
    org.repair = () => this.registerMainResponsible(org);
  }

  /** The agreement is terminated; it is renewed when the organization is next touched. */
  private toggleAgreement(org: Org): void {
    this.organization(org, OPERATOR, { type: 'TerminateAgreement', reason: 'contract ended' });
    org.repair = () => this.organization(org, OPERATOR, { type: 'RenewAgreement' });
  }

  /**
   * When no organization has written anything for a long while (each headless, terminated, or left without its
   * main responsible, so every invitation is refused), the operator renews what has ended and registers a new main
   * responsible, who is the person the generator acts as. True when that wrote anything.
   */
  private unblock(): boolean {
    const before = this.written;
    for (const org of this.orgs) {
      if (!agreementActiveAt(org.state, this.now)) this.organization(org, OPERATOR, { type: 'RenewAgreement' });
      if (!this.headedByMainResponsible(org)) this.registerMainResponsible(org);
    }
    return this.written > before;
  }

  /** Whether the main responsible the generator acts as still holds that authority. */
  private headedByMainResponsible(org: Org): boolean {
    return mainResponsiblesAt(org.state, this.now).some((a) => org.state.members[a.memberId]?.subject === org.mainResponsible.subject);
  }

  private describeOrganizations(): string {
    const orgs = this.orgs.map((org) => {
      const denials = organizationDenials(org.state, this.now);
      const head = this.headedByMainResponsible(org) ? 'main responsible in office' : 'main responsible gone';
      return `${org.id}: ${head}, ${org.memberIds.length} members coming by${denials.length > 0 ? `, ${denials.join(', ')}` : ''}`;
    });
    return `seed ${this.options.seed ?? 1}, ${this.written} of ${this.options.events} events, ${iso(this.now)}; ${orgs.join('; ')}`;
  }

  /** The scheduler's work, at most weekly per organization (expiries carry their due instant anyway, R-TIME-4). */
  private runDueWork(org: Org): void {
    if (this.now - org.jobsRanAt < 7 * 86_400_000) return;
    org.jobsRanAt = this.now;
    for (const work of dueWork(org.state, org.members, this.now)) {
      if (work.stream === 'organization') this.organization(org, JOB, work.command);
      else if (work.stream === 'member') this.member(org, JOB, work.command);
    }
  }

  private subjectOf(org: Org, memberId: string): string {
    return org.state.members[memberId]?.subject ?? `sub-${memberId}`;
  }

  private catalogCommand(command: Parameters<typeof decideCatalog>[0]): void {
    const events = decideCatalog(command, this.catalog, { now: new Date(this.now), actor: OPERATOR });
    this.catalog = events.reduce(evolveCatalog, this.catalog);
    this.emit('catalog', events);
  }

  private organization(org: Org, actor: Actor, command: OrganizationCommand): boolean {
    const events = this.attempt(() => decideOrganization(command, org.state, { now: new Date(this.now), actor, catalog: this.catalog }));
    org.state = events.reduce((state, event) => evolveOrganization(state, event as OrganizationEvent), org.state);
    return this.emit(organizationStream(org.id), events);
  }

  private member(org: Org, actor: Actor, command: MemberCommand): boolean {
    const before = org.members[command.memberId] ?? initialMember();
    const context = { now: new Date(this.now), actor, organization: org.state, catalog: this.catalog };
    const events = this.attempt(() => decideMember(command, before, context));
    org.members[command.memberId] = events.reduce((state, event) => evolveMember(state, event as MemberEvent), before);
    return this.emit(memberStream(command.memberId), events);
  }

  /** A refusal (DomainError) is part of life: the command writes nothing. */
  private attempt(decide: () => ReadonlyArray<{ type: string; data: unknown }>): ReadonlyArray<{ type: string; data: unknown }> {
    try {
      return decide();
    } catch (error) {
      if (error instanceof DomainError) return [];
      throw error;
    }
  }

  private emit(stream: string, events: ReadonlyArray<{ type: string; data: unknown }>): boolean {
    if (events.length === 0) return false;
    this.pending.push({ stream, events: [...events] });
    this.written += events.length;
    return true;
  }
}

/** The n-th valid Swedish organization number (Luhn check digit over nine digits). */
function orgNumber(n: number): string {
  const nine = String(556_000_000 + n).slice(0, 9);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${check}`;
}
