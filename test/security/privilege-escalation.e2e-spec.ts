import fc from 'fast-check';
import { InMemoryEventStore } from '@behorighet/event-store';
import { startTestApp, type TestApp } from '@behorighet/testing';
import { apply, expectation, RULE_OF, type Expectation, type ModelCommand } from './support/authority-oracle.js';
import { BusTransport, HttpTransport, type Outcome, type Transport } from './support/authority-transport.js';
import { buildWorld, commandDraw, commandOf, ORDERABLE, peopleSpec, stepOf } from './support/authority-world.js';
import { OPEN_FINDINGS } from './support/open-findings.js';

/** Property runs (a random organization and 1–10 random commands each) over HTTP and through the command bus. */
const HTTP_RUNS = Number(process.env.SECURITY_HTTP_RUNS ?? 300);
const BUS_RUNS = Number(process.env.SECURITY_BUS_RUNS ?? 1200);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** What went wrong when the system's answer is not one SPEC's tables allow. */
function mismatch(expected: Expectation, outcome: Outcome): string | undefined {
  if ('either' in expected) return outcome.ok || expected.codes.includes(outcome.code) ? undefined : `refused with ${outcome.code}, expected success or ${expected.codes.join('/')}`;
  if (expected.allowed) return outcome.ok ? undefined : `refused with ${outcome.code}, but SPEC allows it`;
  if (outcome.ok) return `ACCEPTED, but SPEC refuses it (${expected.codes.join('/')})`;
  return expected.codes.includes(outcome.code) ? undefined : `refused with ${outcome.code}, expected one of ${expected.codes.join('/')}`;
}

class Tally {
  runs = 0;
  commands = 0;
  accepted = 0;
  readonly refusals = new Map<string, number>();
  readonly findings = new Map<string, number>();

  toString(): string {
    const byRule = [...this.refusals].sort(([, a], [, b]) => b - a).map(([code, n]) => `${code}${RULE_OF[code] ? ` (${RULE_OF[code]})` : ''}×${n}`);
    const findings = OPEN_FINDINGS.filter((f) => this.findings.has(f.id)).map((f) => `${f.id} (${f.rule}) ×${this.findings.get(f.id)}`);
    return `${this.runs} runs, ${this.commands} commands checked against the oracle: ${this.accepted} accepted, refused: ${byRule.join(', ')}; open findings: ${findings.join(', ') || 'none met'}`;
  }
}

describe('privilege escalation: random members with random levels, scopes and roles issue random commands', () => {
  let t: TestApp;
  const tallies: Record<string, Tally> = {};
  beforeAll(async () => {
    // Authorization is decided from the write model (R-SEC-1): neither read models nor jobs take part, so this process
    // only serves the API (APP_ROLES=api), and durability is not under test, so the log is in memory.
    t = await startTestApp({ APP_ROLES: 'api' }, undefined, { eventStore: new InMemoryEventStore() });
    const operator = `Bearer ${await t.token('catalog-operator', { operator: true })}`;
    for (const key of ['payroll', ...ORDERABLE]) await t.http.post('/v1/services').set('authorization', operator).send({ key, name: key }).expect(201);
  });
  afterAll(async () => {
    for (const [name, tally] of Object.entries(tallies)) console.info(`privilege escalation over ${name}: ${tally}`);
    for (const f of OPEN_FINDINGS) console.info(`open finding ${f.id} (${f.rule}): ${f.description}`);
    const total = Object.values(tallies).reduce((sum, x) => sum + x.runs, 0);
    console.info(`privilege escalation: ${total} property runs in total`);
    await t.close();
  }, 60_000);

  it.each([
    ['HTTP', HTTP_RUNS, (app: TestApp): Transport => new HttpTransport(app)],
    ['the command bus', BUS_RUNS, (app: TestApp): Transport => new BusTransport(app)],
  ])(
    'R-ADM-2 R-ADM-3 R-ADM-5 R-GRT-2 R-ORD-2 over %s (%i runs): every accepted command is one SPEC allows, every refusal answers the code of a rule it breaks',
    async (name, runs, transportFor) => {
      const transport = transportFor(t);
      const setup = new BusTransport(t);
      const tally = (tallies[name] = new Tally());
      await fc.assert(
        fc.asyncProperty(peopleSpec, fc.array(commandDraw, { minLength: 1, maxLength: 10 }), async (people, draws) => {
          const run = ++tally.runs;
          // The world is built through the bus (setup is not under test); the property's commands go through `transport`.
          const { organizationId, model, unitIds } = await buildWorld(setup, people, `${transport.name.replace(/\W/g, '')}-${run}`);
          const log: string[] = [];
          for (const draw of draws) {
            const command: ModelCommand = commandOf(draw, model);
            const expected = expectation(model, command);
            const actor = model.members.find((m) => m.name === command.actor)!;
            const outcome = await transport.run({ subject: actor.subject }, organizationId, stepOf(command, model, unitIds, UNKNOWN_ID));
            log.push(`${JSON.stringify(command)} → ${outcome.ok ? 'accepted' : outcome.code}`);
            const finding = OPEN_FINDINGS.find((f) => f.matches(model, command, expected, outcome));
            if (finding) tally.findings.set(finding.id, (tally.findings.get(finding.id) ?? 0) + 1);
            const wrong = finding ? undefined : mismatch(expected, outcome);
            if (wrong) throw new Error(`${wrong}\nmembers: ${JSON.stringify(model.members.map(({ name, unit, authority, employed, grants }) => ({ name, unit, authority, employed, grants: Object.keys(grants) })))}\n${log.join('\n')}`);
            tally.commands++;
            if (outcome.ok) {
              tally.accepted++;
              apply(model, command, outcome.id);
            } else {
              tally.refusals.set(outcome.code, (tally.refusals.get(outcome.code) ?? 0) + 1);
              if (command.kind === 'revokeGrant' && 'either' in expected) delete actor.ending[command.what];
            }
          }
        }),
        { numRuns: runs, endOnFailure: true },
      );
      expect(tally.commands).toBeGreaterThan(runs);
    },
    300_000,
  );
});
