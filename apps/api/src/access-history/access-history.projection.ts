import { memberEvent, type PositionProjection } from '@behorighet/read-models';

export const ACCESS_HISTORY = 'access_history';

const GRANT_EVENTS = ['GrantIssued', 'GrantExtended', 'GrantRevoked', 'GrantExpired'] as const;
const NO_TAGS = Object.freeze({});

/**
 * The member side of access intervals (R-READ-3, R-READ-4): per organization, the log positions of every
 * grant event any of its members had — an index of the log, 8 bytes an entry. The events themselves are read
 * back from the log when a question is asked (access-history.reader.ts), folded by the domain's `evolveMember`,
 * and the intervals derived with the organization's folded state (`organization_states`) by the domain's
 * `accessIntervals`/`effectiveAccess`: an interval also depends on organization-wide facts (headless,
 * terminated, the member's own standing) that the grant events alone do not say, and storing derived
 * intervals would re-derive every member's intervals at each organization event.
 */
export const accessHistoryProjection: PositionProjection = {
  kind: 'positions',
  name: ACCESS_HISTORY,
  // Its shape changed on 2026-11-23 (lists of grant-event positions per organization). 1 is this first stored
  // version: no version was stored before, so a read model from before that change (no version) is rebuilt all the same.
  version: 1,
  handles: GRANT_EVENTS,
  tags: [],
  entry(event) {
    const organizationId = (memberEvent(event)?.data as { organizationId?: unknown } | undefined)?.organizationId;
    return typeof organizationId === 'string' && organizationId !== '' ? { list: organizationId, tags: NO_TAGS } : null;
  },
};
