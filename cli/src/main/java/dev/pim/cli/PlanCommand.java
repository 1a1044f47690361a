package dev.pim.cli;

import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;

/** {@code pim plan}: discovery, preflight and the plan; read calls only. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what a migration would do: every IRSA binding with its class and reason, the actions, and "
                + "each role's trust policy before and after. Makes no change.")
final class PlanCommand extends ClusterCommand {

    @Option(names = "--remove-oidc-trust", description = "Also show each role's trust after removing this cluster's OIDC subjects.")
    boolean removeOidcTrust;

    @Option(names = "--remove-wildcard-oidc-trust", description = "With --remove-oidc-trust, show patterns removed too.")
    boolean removeWildcardOidcTrust;

    @Mixin
    PlanOutputOptions planOutput;

    @Override
    void validate() {
        planOutput.includedServiceAccounts();
        planOutput.trustScope();
        planOutput.associationsPerCluster();
        if (removeWildcardOidcTrust && !removeOidcTrust) {
            throw new UsageException("--remove-wildcard-oidc-trust only makes sense with --remove-oidc-trust");
        }
    }

    @Override
    int run(Engine engine, PrintWriter out) throws IOException {
        MigrationPlan plan = engine.session.plan(planOutput.shape(MigrationOptions.builder())
                .removeOidcTrust(removeOidcTrust).removeWildcardOidcTrust(removeWildcardOidcTrust).build());
        return planOutput.print(plan, json(), out);
    }
}
