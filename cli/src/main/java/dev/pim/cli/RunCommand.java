package dev.pim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.cli.pipeline.ExecutionFollower;
import dev.pim.cli.pipeline.PipelineTemplate;
import dev.pim.cli.pipeline.ReportView;
import dev.pim.migration.plan.AssociationQuota;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.trust.TrustScope;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pim run}: starts and follows an execution of the deployed cluster state machine. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start an execution of the deployed cluster state machine (on AWS, or on the local cloud with "
                + "--endpoint-url) and follow it state by state; prints the run's report.")
final class RunCommand implements Callable<Integer> {
    /** What the state machine's input takes (its Map state's MaxConcurrency). */
    private static final int MAX_CONCURRENCY = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-c", "--cluster"}, required = true, description = "EKS cluster name.")
    String cluster;

    @CommandLine.Mixin
    AwsOptions aws;

    @Option(names = "--state-machine-arn", description = "Which state machine (default: the one named "
            + PipelineTemplate.STATE_MACHINE + "...; sam deploy prints it as the StateMachineArn output).")
    String stateMachineArn;

    @CommandLine.Mixin
    ChangeOptions changes;

    @Option(names = "--max-concurrency", description = "Roles updated at once (default: the stack's MaxConcurrency).")
    Integer maxConcurrency;

    @Option(names = "--role-batch-size", description = "Roles per child execution of the role Maps (default: "
            + ExecutionLimits.DEFAULT_BATCH + "; " + ExecutionLimits.MIN_BATCH + ".." + ExecutionLimits.MAX_BATCH + ").")
    Integer roleBatchSize;

    @Option(names = "--trust-scope", paramLabel = "SCOPE", description = "Whom the Pod Identity trust statement admits: "
            + "account, cluster or service-account (default: service-account; see pim migrate --help).")
    String trustScope;

    @Option(names = "--associations-per-cluster", paramLabel = "N", description = "The Pod Identity associations the "
            + "cluster may hold after the run (default: EKS's quota, " + AssociationQuota.EKS_PER_CLUSTER
            + ", not adjustable; for a changed quota or the local cloud's knob). Discover refuses a run over it.")
    Integer associationsPerCluster;

    @Option(names = "--name", description = "Execution name (default: <cluster>-<plan|apply>-<time>).")
    String name;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (changes.cleanupWithoutApprove() != null) {
            err.println("pim run: --restart-workloads, --remove-irsa-annotation and --remove-oidc-trust need --approve");
            return ExitCodes.USAGE;
        }
        String chosenRegion;
        URI endpoint;
        try {
            ClusterOptions.requireClusterName(cluster);
            if (maxConcurrency != null && (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY)) {
                throw new UsageException("--max-concurrency must be within 1.." + MAX_CONCURRENCY + ", got " + maxConcurrency);
            }
            if (roleBatchSize != null && (roleBatchSize < ExecutionLimits.MIN_BATCH || roleBatchSize > ExecutionLimits.MAX_BATCH)) {
                throw new UsageException("--role-batch-size must be within " + ExecutionLimits.MIN_BATCH + ".."
                        + ExecutionLimits.MAX_BATCH + ", got " + roleBatchSize);
            }
            if (trustScope != null) {
                try {
                    TrustScope.parse(trustScope);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--trust-scope: " + e.getMessage());
                }
            }
            if (associationsPerCluster != null && (associationsPerCluster < 1
                    || associationsPerCluster > AssociationQuota.MAX_SETTING)) {
                throw new UsageException("--associations-per-cluster must be within 1.."
                        + AssociationQuota.MAX_SETTING + ", got " + associationsPerCluster);
            }
            chosenRegion = aws.region();
            endpoint = aws.endpoint();
        } catch (UsageException e) {
            err.println("pim run: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        var builder = SfnClient.builder().region(Region.of(chosenRegion));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try (SfnClient sfn = builder.build()) {
            String arn = stateMachineArn != null ? stateMachineArn : find(sfn);
            String execution = name != null ? name
                    : cluster + "-" + (changes.approve ? "apply" : "plan") + "-" + Instant.now().getEpochSecond();
            ExecutionFollower.Result result = new ExecutionFollower(sfn, out, endpoint != null ? Duration.ofMillis(300)
                    : Duration.ofSeconds(3)).start(arn, execution, input());
            return exitCode(ReportView.print(out, result), result);
        } catch (IllegalArgumentException | SdkException e) {
            err.println("pim run: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }

    private String find(SfnClient sfn) {
        List<StateMachineListItem> matches = sfn.listStateMachinesPaginator(r -> { }).stateMachines().stream()
                .filter(m -> m.name().contains(PipelineTemplate.STATE_MACHINE)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no state machine named like "
                    + PipelineTemplate.STATE_MACHINE + ": deploy the stack, or pass --state-machine-arn"
                    : "several state machines match " + PipelineTemplate.STATE_MACHINE + ": pass --state-machine-arn");
        }
        return matches.get(0).stateMachineArn();
    }

    /** The execution's input, as the state machine reads it. */
    String input() {
        ObjectNode input = Views.JSON.createObjectNode().put("cluster", cluster);
        if (aws.region != null) {
            input.put("region", aws.region);
        }
        if (changes.approve) {
            input.put("approve", true);
        }
        if (changes.restartWorkloads) {
            input.put("restartWorkloads", true);
        }
        if (changes.removeIrsaAnnotation) {
            input.put("removeIrsaAnnotation", true);
        }
        if (changes.removeOidcTrust) {
            input.put("removeOidcTrust", true);
        }
        if (maxConcurrency != null) {
            input.put("maxConcurrency", maxConcurrency);
        }
        if (roleBatchSize != null) {
            input.put("roleBatchSize", roleBatchSize);
        }
        if (trustScope != null) {
            input.put("trustScope", TrustScope.parse(trustScope).label());
        }
        if (associationsPerCluster != null) {
            input.put("associationsPerCluster", associationsPerCluster);
        }
        return input.toString();
    }

    static int exitCode(String reportStatus, ExecutionFollower.Result result) {
        return switch (reportStatus) {
            case "SUCCEEDED", "PLANNED" -> result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
            case "PARTIAL" -> ExitCodes.PARTIAL;
            default -> ExitCodes.FAILED;
        };
    }
}
