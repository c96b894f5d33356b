import type { By, GrantTarget } from '@behorighet/domain';

/**
 * The stored forms of a grant's target and of an actor: shorter than their JSON in the usual case, the
 * value itself otherwise, so that decoding gives back exactly what was encoded.
 */

/** `service:<key>` / `role:<name>` for a target with exactly one of them, a string; the object otherwise. */
export function targetForm(target: { service?: string; role?: string }): unknown {
  const keys = Object.keys(target);
  const [kind] = keys;
  const name = kind === undefined ? undefined : (target as Record<string, unknown>)[kind];
  return keys.length === 1 && (kind === 'service' || kind === 'role') && typeof name === 'string' ? `${kind}:${name}` : target;
}

export function targetFromForm(form: unknown): GrantTarget {
  if (typeof form !== 'string') return form as GrantTarget;
  const separator = form.indexOf(':');
  const kind = form.slice(0, separator);
  const name = form.slice(separator + 1);
  if (kind === 'service') return { service: name };
  if (kind === 'role') return { role: name } as GrantTarget;
  throw new TypeError(`not a stored target: ${form}`);
}

/**
 * A person as `[subject, member]` (`[subject, member, 1]` for the operator), the member by its index in
 * the log's member ids (or, past the log's inline threshold, by its id itself), when it has exactly
 * `subject`, `memberId` (and `operator: true`) in that order, as events record it; any other actor as itself.
 */
export function actorForm(by: By | undefined, memberIndex: (memberId: string) => number | string): unknown {
  if (by === undefined) return undefined;
  const keys = Object.keys(by).join();
  if (typeof by.subject !== 'string' || typeof by.memberId !== 'string') return by;
  if (keys === 'subject,memberId') return [by.subject, memberIndex(by.memberId)];
  if (keys === 'subject,memberId,operator' && by.operator === true) return [by.subject, memberIndex(by.memberId), 1];
  return by;
}

export function actorFromForm(form: unknown, memberAt: (index: number) => string): By {
  if (!Array.isArray(form)) return form as By;
  const [subject, member, operator] = form as [string, number | string, 1 | undefined];
  const memberId = typeof member === 'string' ? member : memberAt(member);
  return operator === 1 ? { subject, memberId, operator: true } : { subject, memberId };
}
