/** Instants in bodies: ISO-8601 with date and time (the domain also insists on a time zone, 422 INVALID_INSTANT). */
export const INSTANT = { strict: true, strictSeparator: true } as const;

export const instantReason = (field: string): string => `${field} must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00Z`;
