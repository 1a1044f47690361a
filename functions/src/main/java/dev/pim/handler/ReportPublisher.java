package dev.pim.handler;

import dev.pim.fleet.FleetLedger;

/**
 * A run report's last stops: the cluster's line in the fleet ledger (so {@code pim fleet status} sees manual
 * executions too) and the results queue, for other systems to react to.
 */
final class ReportPublisher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReportPublisher.class);

    private ReportPublisher() {
    }

    static ReportHandler.Report publish(HandlerEnvironment env, ReportHandler.Request request, ReportHandler.Report report,
                                        int bindingsMigrated) {
        String account = request.input().accountId() != null ? request.input().accountId()
                : env.journal().run(request.runId()).map(r -> r.cluster().accountId()).orElse(null);
        if (account != null && !report.status().equals("PLANNED")) {
            String reason = report.failures().isEmpty() ? null : report.failures().get(0);
            env.fleet().record(new FleetLedger.ClusterState(account, request.input().region(), request.input().cluster(),
                    report.status().toLowerCase(), reason, report.runId(), executionName(request.executionId()),
                    bindingsMigrated, env.clock().instant()));
        }
        try {
            env.results().publish(report);
        } catch (RuntimeException e) {
            // The report is in the ledger and is the execution's output: an unreachable results queue must not
            // turn a finished migration into a failed execution.
            LOG.warn("the report of run {} was not published to the results queue: {}", report.runId(), e.toString());
        }
        return report;
    }

    /** The name at the end of an execution ARN ({@code arn:aws:states:…:execution:<machine>:<name>}). */
    private static String executionName(String executionId) {
        return executionId == null ? null : executionId.substring(executionId.lastIndexOf(':') + 1);
    }
}
