import { Inject, Injectable } from '@nestjs/common';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { dueOrderWork, dueWork, type DueWork, type MemberState } from '@behorighet/domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Aggregates } from '../write-model/aggregates.js';
import { WorkIndex } from './work-index.js';

export interface OrganizationWork {
  organizationId: string;
  work: DueWork[];
}

/**
 * Finds what is due, organization by organization, with the domain's `dueWork`/`dueOrderWork` over the
 * states loaded from the write model (the same states the commands decide on).
 */
@Injectable()
export class DueWorkScanner {
  constructor(
    private readonly index: WorkIndex,
    private readonly aggregates: Aggregates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `members`: also the member streams' work (expiries, reminders, endings); `orders`: the lapses. */
  async *scan(now: Date, include: { members: boolean; orders: boolean }): AsyncIterable<OrganizationWork> {
    await this.index.reach();
    for await (const entry of this.index.organizations()) {
      const work: DueWork[] = [];
      if (include.members) work.push(...(await this.organizationWork(entry.organizationId, now)));
      if (include.orders) {
        for (const orderId of entry.openOrders) work.push(...dueOrderWork(await this.aggregates.order(orderId), now));
      }
      if (work.length > 0) yield { organizationId: entry.organizationId, work };
      // Loading from an embedded log is all microtasks: let requests in between organizations.
      await nextMacrotask();
    }
  }

  private async organizationWork(organizationId: string, now: Date): Promise<DueWork[]> {
    const org = await this.aggregates.organization(organizationId);
    if (org.status !== 'registered') return [];
    const members: Record<string, MemberState> = {};
    for (const memberId of Object.keys(org.members)) members[memberId] = await this.aggregates.member(memberId);
    return dueWork(org, members, now, this.config.jobs.reminderDays);
  }
}
