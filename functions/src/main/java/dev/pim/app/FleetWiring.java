package dev.pim.app;

import dev.pim.aws.AwsClients;
import dev.pim.aws.EksClusterDirectory;
import dev.pim.aws.SqsQueue;
import dev.pim.aws.StepFunctionsExecutions;
import dev.pim.fleet.ClusterPlanner;
import dev.pim.fleet.Dispatcher;
import dev.pim.fleet.FleetConfig;
import dev.pim.fleet.FleetScanner;
import dev.pim.fleet.FleetSelector;
import dev.pim.migration.plan.MigrationOptions;
import software.amazon.awssdk.regions.Region;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The fleet functions' objects, from the environment's {@link FleetSettings}, checked here with the variable's name. */
public final class FleetWiring {

    private FleetWiring() {
    }

    public static FleetScanner scanner(ExecutionEnvironment env) {
        FleetSettings settings = env.settings().fleet();
        List<String> regions = list(or(settings.regions(), env.defaultRegion()));
        regions.stream().filter(r -> !Region.regions().contains(Region.of(r))).findFirst().ifPresent(r -> {
            throw new IllegalArgumentException("FLEET_REGIONS: '" + r + "' is not an AWS region");
        });
        AwsClients home = env.clients(env.defaultRegion(), null);
        String homeAccount = home.sts().getCallerIdentity().account();
        String partition = partitionOf(env.defaultRegion());
        FleetConfig config = new FleetConfig(regions, homeAccount, list(or(settings.memberAccountIds(), "")),
                or(settings.memberRoleName(), "PodIdentityMigratorMember"), partition,
                FleetSelector.of(or(settings.clusterNamePattern(), ".*"), or(settings.clusterTag(), ""),
                        or(settings.optOutTag(), FleetSelector.DEFAULT_OPT_OUT_TAG)),
                flag(settings.restartWorkloads()), flag(settings.removeIrsaAnnotation()), flag(settings.removeOidcTrust()),
                null);
        String queue = required("MIGRATION_QUEUE_URL", settings.migrationQueueUrl());
        // Each cluster is planned once per scan: its session is closed as soon as the plan is made.
        ClusterPlanner planner = (region, role, cluster) -> {
            try (ClusterSession session = env.openSession(region, role, cluster)) {
                return session.plan(MigrationOptions.planOnly());
            }
        };
        return new FleetScanner(config, new EksClusterDirectory(env::clients), planner,
                new SqsQueue(home.sqs(), queue, env.backoff()), env.fleet(), env.clock());
    }

    /** Clusters planned at once by the scan ({@code SCAN_CONCURRENCY}, 1..32, default 8). */
    public static int scanConcurrency(ExecutionEnvironment env) {
        int value = Integer.parseInt(or(env.settings().fleet().scanConcurrency(), "8"));
        if (value < 1 || value > 32) {
            throw new IllegalArgumentException("SCAN_CONCURRENCY must be within 1..32, got " + value);
        }
        return value;
    }

    public static Dispatcher dispatcher(ExecutionEnvironment env) {
        FleetSettings settings = env.settings().fleet();
        AwsClients home = env.clients(env.defaultRegion(), null);
        int cap = Integer.parseInt(or(settings.maxRunningMigrations(), "5"));
        Duration deferral = Duration.ofSeconds(Long.parseLong(or(settings.deferralSeconds(), "300")));
        SqsQueue queue = new SqsQueue(home.sqs(), required("MIGRATION_QUEUE_URL", settings.migrationQueueUrl()), env.backoff());
        return new Dispatcher(new StepFunctionsExecutions(home.sfn(), required("STATE_MACHINE_ARN", settings.stateMachineArn()),
                env.backoff()), env.fleet(), env.leases(), queue, cap, deferral, env.clock());
    }

    private static String partitionOf(String region) {
        return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean flag(String value) {
        return Boolean.parseBoolean(value);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
