import type { CommandBus } from '@nestjs/cqrs';
import { DomainError, type DueWork } from '@behorighet/domain';
import { WrongExpectedVersionError } from '@behorighet/event-store';
import { ChangeMember } from '../members/member-command.handler.js';
import { ChangeOrder } from '../orders/order-command.handler.js';
import { ChangeOrganization } from '../organizations/organization-command.handler.js';
import { systemContext } from '../write-model/request-context.js';
import { SystemCommands } from './system-commands.js';

const ctx = systemContext('expire-access', { correlationId: 'c-1', causationId: 'job:expire-access@2025-01-01T00:00:00.000Z' });
const grant: DueWork = { stream: 'member', memberId: 'm1', command: { type: 'ExpireGrant', memberId: 'm1', grantId: 'g1' } };

function commandsAnswering(answer: () => Promise<unknown>) {
  const issued: unknown[] = [];
  const bus = { execute: (command: unknown) => (issued.push(command), answer()) } as unknown as CommandBus;
  return { issued, commands: new SystemCommands(bus) };
}

describe('SystemCommands: due work as ordinary commands of a { system } actor', () => {
  it('issues each stream\'s work through its command handler, as the job', async () => {
    const { issued, commands } = commandsAnswering(async () => ({ position: '9' }));
    await commands.run('o1', grant, ctx);
    await commands.run('o1', { stream: 'organization', organizationId: 'o1', command: { type: 'ExpireAppointment', memberId: 'm1' } }, ctx);
    await commands.run('o1', { stream: 'order', orderId: 'x', command: { type: 'LapseOrder', orderId: 'x' } }, ctx);
    expect(issued.map((c) => c?.constructor)).toEqual([ChangeMember, ChangeOrganization, ChangeOrder]);
    expect(issued[0]).toMatchObject({ organizationId: 'o1', ctx: { caller: { system: 'expire-access', subject: 'system:expire-access' }, correlationId: 'c-1' } });
  });

  it.each([
    ['another instance wrote first', () => new WrongExpectedVersionError('member-m1', 3n, 4n)],
    ['not yet due', () => new DomainError('NOT_DUE')],
    ['already ended', () => new DomainError('GRANT_ENDED')],
  ])('treats "%s" as settled, not as an error', async (_, error) => {
    const { commands } = commandsAnswering(() => Promise.reject(error()));
    await expect(commands.run('o1', grant, ctx)).resolves.toBe('settled');
  });

  it('reports any other refusal and throws what is not a rule at all', async () => {
    await expect(commandsAnswering(() => Promise.reject(new DomainError('NOT_AUTHORIZED'))).commands.run('o1', grant, ctx)).resolves.toBe('refused');
    await expect(commandsAnswering(() => Promise.reject(new Error('disk full'))).commands.run('o1', grant, ctx)).rejects.toThrow('disk full');
  });
});
