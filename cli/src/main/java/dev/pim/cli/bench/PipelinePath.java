package dev.pim.cli.bench;

import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.local.LocalCloud;
import dev.pim.migration.plan.AssociationQuota;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.util.regex.Pattern;

/**
 * The state-machine path: what {@code pim run --approve} starts, on a fresh local cloud with the pipeline deployed
 * (the real state machine definition, the handlers in-process), timed from StartExecution to the end; then a second
 * execution, which must write nothing; then every execution's history walked for its size.
 */
final class PipelinePath {
    private static final long POLL_MILLIS = 50;

    private PipelinePath() {
    }

    static PathResult.Measured run(GeneratedCluster cluster, BenchSettings settings) throws InterruptedException {
        try (LocalCloud cloud = LocalRun.start(cluster, settings)) {
            LocalPipeline pipeline = new LocalPipeline(cloud, GeneratedCluster.REGION, GeneratedCluster.ACCOUNT);
            String stateMachine = pipeline.deploy();
            try (pipeline; SfnClient sfn = pipeline.sfnClient()) {
                ServedCalls deployed = ServedCalls.of(cloud);
                LocalRun.degrade(cloud, settings);
                long started = System.nanoTime();
                String applied = start(sfn, stateMachine, cluster, settings, "bench-apply");
                String status = await(sfn, applied);
                double wall = (System.nanoTime() - started) / 1e9;
                ServedCalls first = ServedCalls.of(cloud);
                String again = await(sfn, start(sfn, stateMachine, cluster, settings, "bench-rerun"));
                ServedCalls rerun = ServedCalls.of(cloud).since(first);
                ExecutionHistories.Sizes sizes = ExecutionHistories.measure(sfn);
                String combined = status.equals(again) ? status : status + " then " + again;
                return new PathResult.Measured("pipeline", combined, wall, first.since(deployed), rerun,
                        sizes.executions(), sizes.largestEvents(), sizes.largestPayloadBytes(),
                        ExecutionHistories.stateSeconds(sfn, applied));
            }
        }
    }

    private static String start(SfnClient sfn, String stateMachine, GeneratedCluster cluster, BenchSettings settings,
                                String name) {
        String input = "{\"cluster\": \"" + cluster.name() + "\", \"approve\": true, \"maxConcurrency\": "
                + settings.concurrency() + (settings.associationsPerCluster() == AssociationQuota.EKS_PER_CLUSTER ? ""
                : ", \"associationsPerCluster\": " + settings.associationsPerCluster()) + "}";
        return sfn.startExecution(r -> r.stateMachineArn(stateMachine).name(name).input(input)).executionArn();
    }

    private static String await(SfnClient sfn, String arn) throws InterruptedException {
        while (true) {
            DescribeExecutionResponse e = sfn.describeExecution(r -> r.executionArn(arn));
            if (e.status() != ExecutionStatus.RUNNING) {
                return e.status() == ExecutionStatus.SUCCEEDED ? reportStatus(e.output())
                        : e.status() + " (" + e.error() + ": " + e.cause() + ")";
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The report's own status (an execution can succeed with a PARTIAL report). */
    private static String reportStatus(String output) {
        var matcher = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"").matcher(output == null ? "" : output);
        return matcher.find() ? matcher.group(1) : "SUCCEEDED";
    }
}
