package dev.pim.cli;

import dev.pim.migration.plan.MigrationOptions;
import picocli.CommandLine.Option;

/** What a migration may change: {@code --approve} and the cleanups it carries out, as migrate and run take them. */
final class ChangeOptions {

    @Option(names = "--approve", description = "Carry out the plan (without it, nothing is changed: the run only plans).")
    boolean approve;

    @Option(names = "--restart-workloads", description = "Rollout-restart the workloads of migrated service accounts.")
    boolean restartWorkloads;

    @Option(names = "--remove-irsa-annotation",
            description = "Remove the eks.amazonaws.com/role-arn annotation of bindings whose association exists and whose pods were restarted.")
    boolean removeIrsaAnnotation;

    @Option(names = {"--remove-oidc-trust", "--remove-oidc-provider-trust-relationship"},
            description = "Remove this cluster's OIDC subjects from the roles, only for verified bindings "
                    + "(other clusters' and other providers' statements are kept).")
    boolean removeOidcTrust;

    /** A flag given that changes the cluster though {@code --approve} is not, or null. */
    String cleanupWithoutApprove() {
        if (approve) {
            return null;
        }
        return removeOidcTrust ? "--remove-oidc-trust" : removeIrsaAnnotation ? "--remove-irsa-annotation"
                : restartWorkloads ? "--restart-workloads" : null;
    }

    MigrationOptions.Builder shape(MigrationOptions.Builder options) {
        return options.approve(approve).restartWorkloads(restartWorkloads).removeIrsaAnnotation(removeIrsaAnnotation)
                .removeOidcTrust(removeOidcTrust);
    }
}
