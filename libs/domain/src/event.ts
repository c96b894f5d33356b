import { iso } from './time.js';

/** Who acted, as recorded in every event's data: a person (subject, and memberId when known), the operator, or a job. */
export interface By {
  subject?: string;
  memberId?: string;
  operator?: true;
  system?: string;
}

/** Who issues a command: an authenticated person (maybe the platform operator) or a scheduled job. */
export type Actor = { subject: string; operator: boolean } | { system: string };

/** What every event's data carries so that an auditor understands it alone. */
export interface EventMeta {
  schemaVersion: 1;
  /** When it took effect, ISO-8601 UTC (for automatic endings: the instant the end was due). */
  occurredAt: string;
  by: By;
}

/** An event: a stable type name and its data. */
export type Event<T extends string, D> = { type: T; data: D & EventMeta };

/** The base of every decision context: the current instant and the actor. */
export interface DecisionContext {
  now: Date;
  actor: Actor;
}

export function isSystem(actor: Actor): actor is { system: string } {
  return 'system' in actor;
}

export function isOperator(actor: Actor): boolean {
  return !isSystem(actor) && actor.operator;
}

export function subjectOf(actor: Actor): string | undefined {
  return isSystem(actor) ? undefined : actor.subject;
}

/** The `by` of an event, from the actor and (when the actor is a member) its memberId. */
export function byOf(actor: Actor, memberId?: string): By {
  if (isSystem(actor)) return { system: actor.system };
  return {
    subject: actor.subject,
    ...(memberId !== undefined ? { memberId } : {}),
    ...(actor.operator ? { operator: true as const } : {}),
  };
}

/** The common part of an event's data. */
export function meta(by: By, occurredAt: Date | number | string): EventMeta {
  return { schemaVersion: 1, occurredAt: typeof occurredAt === 'string' ? occurredAt : iso(occurredAt), by };
}

/** Drops keys whose value is undefined, so events stay JSON-stable and comparable. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
