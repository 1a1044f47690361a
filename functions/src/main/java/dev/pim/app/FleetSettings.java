package dev.pim.app;

import java.util.function.Function;

/**
 * The fleet functions' settings, as the stack gives them (checked when the scanner or the dispatcher is built, so
 * a function that is neither needs none of them): {@code FLEET_REGIONS}, {@code MEMBER_ACCOUNT_IDS},
 * {@code MEMBER_ROLE_NAME}, {@code CLUSTER_NAME_PATTERN}, {@code CLUSTER_TAG}, {@code OPT_OUT_TAG},
 * {@code FLEET_RESTART_WORKLOADS}, {@code FLEET_REMOVE_IRSA_ANNOTATION}, {@code FLEET_REMOVE_OIDC_TRUST},
 * {@code MIGRATION_QUEUE_URL}, {@code STATE_MACHINE_ARN}, {@code MAX_RUNNING_MIGRATIONS}, {@code DEFERRAL_SECONDS},
 * {@code SCAN_CONCURRENCY}. A null value is an unset variable.
 */
public record FleetSettings(String regions, String memberAccountIds, String memberRoleName, String clusterNamePattern,
                            String clusterTag, String optOutTag, String restartWorkloads, String removeIrsaAnnotation,
                            String removeOidcTrust, String migrationQueueUrl, String stateMachineArn,
                            String maxRunningMigrations, String deferralSeconds, String scanConcurrency) {

    public static final FleetSettings NONE = fromVariables(name -> null);

    public static FleetSettings fromVariables(Function<String, String> variables) {
        return new FleetSettings(variables.apply("FLEET_REGIONS"), variables.apply("MEMBER_ACCOUNT_IDS"),
                variables.apply("MEMBER_ROLE_NAME"), variables.apply("CLUSTER_NAME_PATTERN"),
                variables.apply("CLUSTER_TAG"), variables.apply("OPT_OUT_TAG"),
                variables.apply("FLEET_RESTART_WORKLOADS"), variables.apply("FLEET_REMOVE_IRSA_ANNOTATION"),
                variables.apply("FLEET_REMOVE_OIDC_TRUST"), variables.apply("MIGRATION_QUEUE_URL"),
                variables.apply("STATE_MACHINE_ARN"), variables.apply("MAX_RUNNING_MIGRATIONS"),
                variables.apply("DEFERRAL_SECONDS"), variables.apply("SCAN_CONCURRENCY"));
    }
}
