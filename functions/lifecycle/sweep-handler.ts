// Scheduled every minute: the SLA sweeper (see domain/escalation/sweep.ts). Logs counts only, never ticket data.
import { type SweepDeps, type SweepReport, sweepOverdue } from '#domain/escalation/sweep.js';
import { logger } from '../logger.js';
import { countBy, METRIC } from '../metrics.js';

export function sweepHandler(deps: SweepDeps): () => Promise<SweepReport> {
  return async () => {
    const report = await sweepOverdue(deps);
    if (report.examined > 0) logger.info('sla sweep', { ...report });
    for (const [level, n] of Object.entries(report.escalatedTo)) countBy(METRIC.escalated, { level }, n);
    return report;
  };
}
