package dev.pim.handler;

import dev.pim.aws.AwsClients;
import dev.pim.aws.SqsQueue;
import dev.pim.aws.StepFunctionsExecutions;
import dev.pim.engine.ClusterSession;
import dev.pim.fleet.Dispatcher;
import dev.pim.fleet.FleetConfig;
import dev.pim.fleet.FleetScanner;
import dev.pim.fleet.FleetSelector;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The fleet functions' settings, from the environment the stack gives them (system properties {@code pim.*}
 * stand in for an in-process run): {@code FLEET_REGIONS}, {@code MEMBER_ACCOUNT_IDS}, {@code MEMBER_ROLE_NAME},
 * {@code CLUSTER_NAME_PATTERN}, {@code CLUSTER_TAG}, {@code OPT_OUT_TAG}, {@code FLEET_RESTART_WORKLOADS},
 * {@code FLEET_REMOVE_IRSA_ANNOTATION}, {@code FLEET_REMOVE_OIDC_TRUST}, {@code MIGRATION_QUEUE_URL},
 * {@code STATE_MACHINE_ARN}, {@code MAX_RUNNING_MIGRATIONS}, {@code DEFERRAL_SECONDS}, {@code SCAN_CONCURRENCY}.
 */
final class FleetWiring {

    private FleetWiring() {
    }

    static FleetScanner scanner(HandlerEnvironment env) {
        List<String> regions = list(setting("FLEET_REGIONS", env.defaultRegion()));
        regions.stream().filter(r -> !Region.regions().contains(Region.of(r))).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("FLEET_REGIONS: '" + r + "' is not an AWS region");
        });
        AwsClients home = env.clients(env.defaultRegion(), null);
        String homeAccount = home.sts().getCallerIdentity().account();
        String partition = partitionOf(env.defaultRegion());
        FleetConfig config = new FleetConfig(regions, homeAccount,
                list(setting("MEMBER_ACCOUNT_IDS", "")), setting("MEMBER_ROLE_NAME", "PodIdentityMigratorMember"), partition,
                FleetSelector.of(setting("CLUSTER_NAME_PATTERN", ".*"), setting("CLUSTER_TAG", ""),
                        setting("OPT_OUT_TAG", FleetSelector.DEFAULT_OPT_OUT_TAG)),
                flag("FLEET_RESTART_WORKLOADS"), flag("FLEET_REMOVE_IRSA_ANNOTATION"), flag("FLEET_REMOVE_OIDC_TRUST"), null);
        String queue = required("MIGRATION_QUEUE_URL");
        FleetScanner.Access access = new FleetScanner.Access() {
            @Override
            public AwsClients clients(String region, String assumeRoleArn) {
                return env.clients(region, assumeRoleArn);
            }

            @Override
            public ClusterSession session(String region, String assumeRoleArn, String cluster) {
                return env.openSession(new PipelineInput(cluster, region, null, assumeRoleArn, false, null, null, null, null,
                        null, null, null, null, null, null));
            }
        };
        return new FleetScanner(config, access, new SqsQueue(home.sqs(), queue, env.backoff()), env.fleet(), env.clock());
    }

    /** Clusters planned at once by the scan ({@code SCAN_CONCURRENCY}, 1..32, default 8). */
    static int scanConcurrency() {
        int value = Integer.parseInt(setting("SCAN_CONCURRENCY", "8"));
        if (value < 1 || value > 32) {
            throw new IllegalArgumentException("SCAN_CONCURRENCY must be within 1..32, got " + value);
        }
        return value;
    }

    static Dispatcher dispatcher(HandlerEnvironment env) {
        AwsClients home = env.clients(env.defaultRegion(), null);
        int cap = Integer.parseInt(setting("MAX_RUNNING_MIGRATIONS", "5"));
        Duration deferral = Duration.ofSeconds(Long.parseLong(setting("DEFERRAL_SECONDS", "300")));
        SqsQueue queue = new SqsQueue(home.sqs(), required("MIGRATION_QUEUE_URL"), env.backoff());
        return new Dispatcher(new StepFunctionsExecutions(home.sfn(), required("STATE_MACHINE_ARN"), env.backoff()),
                env.fleet(), env.leases(), queue, cap, deferral, env.clock());
    }

    private static String partitionOf(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean flag(String name) {
        return Boolean.parseBoolean(setting(name, "false"));
    }

    private static String required(String name) {
        String value = setting(name, null);
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String setting(String name, String fallback) {
        String value = HandlerEnvironment.setting(name, HandlerEnvironment.localProperty(name));
        return value == null ? fallback : value;
    }
}
