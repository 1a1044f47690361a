package dev.pim.fleet;

import dev.pim.migration.plan.MigrationPlan;

/** Plans one cluster (discovery, preflight, plan: read calls only) and lets go of whatever it opened for it. */
@FunctionalInterface
public interface ClusterPlanner {
    MigrationPlan plan(String region, String assumeRoleArn, String cluster);
}
