import { memberStateProjection, membershipsProjection, organizationStateProjection, type Projection, type ReadDocument } from '@behorighet/read-models';
import { accessHistoryProjection } from '../access-history/access-history.projection.js';
import { auditProjection } from '../audit/audit.projection.js';

/**
 * Every read model this application keeps. Each one gets its own ProjectionRunner (role `projector`),
 * its own checkpoint and a line in `/health/ready`. To add a read model, append its projection here.
 */
export const PROJECTIONS: readonly Projection<ReadDocument>[] = [
  organizationStateProjection,
  memberStateProjection,
  membershipsProjection,
  auditProjection,
  accessHistoryProjection,
];
