package dev.pim.cli;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.plan.AssociationQuota;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.trust.TrustScope;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What {@code plan} and {@code migrate} without {@code --approve} share: how the plan is shaped and printed. */
final class PlanOutputOptions {

    @Option(names = "--show-trust", description = "In the table, print each role's trust policy before and after.")
    boolean showTrust;

    @Option(names = "--cross-account-bridge-role", paramLabel = "ROLE",
            description = "A same-account role (name or ARN) through which cross-account roles are reached (targetRoleArn).")
    String bridgeRole;

    @Option(names = "--include-service-account", paramLabel = "NAMESPACE/NAME",
            description = "Also migrate this service account, which no annotation binds: a role whose trust lets it in "
                    + "through a pattern or without a sub condition is otherwise never given to it. Repeatable.")
    List<String> includeServiceAccounts = new ArrayList<>();

    @Option(names = "--trust-scope", paramLabel = "SCOPE",
            description = "Whom the Pod Identity trust statement admits, through the session tags EKS sets: account (any "
                    + "association of the account), cluster (any service account of this cluster) or service-account (only "
                    + "the migrated service accounts, as their IRSA trust did). Default: service-account.")
    String trustScope;

    /** The scope named with {@code --trust-scope}, or the default. */
    TrustScope trustScope() {
        if (trustScope == null) {
            return TrustScope.DEFAULT;
        }
        try {
            return TrustScope.parse(trustScope);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--trust-scope: " + e.getMessage() + " (nothing was changed)");
        }
    }

    @Option(names = "--associations-per-cluster", paramLabel = "N", defaultValue = "" + AssociationQuota.EKS_PER_CLUSTER,
            description = "The Pod Identity associations the cluster may hold after the run (default: EKS's quota, "
                    + "${DEFAULT-VALUE}, not adjustable; for a changed quota or the local cloud's knob). A plan over it is refused.")
    int associationsPerCluster;

    /** {@code --associations-per-cluster}, checked for its range. */
    int associationsPerCluster() {
        if (associationsPerCluster < 1 || associationsPerCluster > AssociationQuota.MAX_SETTING) {
            throw new UsageException("--associations-per-cluster must be within 1.." + AssociationQuota.MAX_SETTING
                    + ", got " + associationsPerCluster);
        }
        return associationsPerCluster;
    }

    /** The service accounts named with {@code --include-service-account}, each checked for its form. */
    List<ServiceAccountRef> includedServiceAccounts() {
        List<ServiceAccountRef> out = new ArrayList<>();
        for (String text : includeServiceAccounts) {
            try {
                out.add(ServiceAccountRef.parse(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--include-service-account: " + e.getMessage());
            }
        }
        return out;
    }

    /** The options these flags set (bridge role, included service accounts, trust scope, association quota). */
    MigrationOptions.Builder shape(MigrationOptions.Builder options) {
        return options.crossAccountBridgeRole(bridgeRole).includeServiceAccounts(includedServiceAccounts())
                .trustScope(trustScope()).associationsPerCluster(associationsPerCluster());
    }

    /** Prints the plan; the exit code says whether preflight passed. */
    int print(MigrationPlan plan, boolean json, PrintWriter out) throws IOException {
        if (json) {
            out.println(Views.JSON.writeValueAsString(Views.plan(plan)));
        } else {
            Tables.plan(out, plan, showTrust);
        }
        out.flush();
        return plan.preflight().passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
