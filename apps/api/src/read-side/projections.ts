import { memberStateProjection, membershipsProjection, organizationStateProjection, type ReadModelProjection } from '@behorighet/read-models';
import { accessHistoryProjection } from '../access-history/access-history.projection.js';
import { auditProjection } from '../audit/audit.projection.js';

/**
 * Every read model this application keeps, fed by one ProjectionRunner (role `projector`): each has
 * its own checkpoint and a line in `/health/ready`. To add a read model, append its projection here.
 */
export const PROJECTIONS: readonly ReadModelProjection[] = [
  organizationStateProjection,
  memberStateProjection,
  membershipsProjection,
  auditProjection,
  accessHistoryProjection,
];
