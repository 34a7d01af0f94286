// Scheduled every minute: the SLA sweeper (see domain/escalation/sweep.ts), then the erasure of personal data whose
// retention period after closing ran out (domain/retention.ts). Logs counts only, never ticket data.
import { type SweepDeps, type SweepReport, sweepOverdue } from '#domain/escalation/sweep.js';
import { eraseExpired, type RetentionDeps } from '#domain/retention.js';
import { logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';

export function sweepHandler(
  deps: SweepDeps & RetentionDeps,
): () => Promise<SweepReport & { erased: number }> {
  return async () => {
    const report = await sweepOverdue(deps);
    if (report.examined > 0) logger.info('sla sweep', { ...report });
    for (const [level, n] of Object.entries(report.escalatedTo)) countBy(METRIC.escalated, { level }, n);
    const erased = await eraseExpired(deps);
    if (erased > 0) logger.info('personal data erased after the retention period', { erased });
    return { ...report, erased };
  };
}
