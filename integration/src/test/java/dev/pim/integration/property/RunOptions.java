package dev.pim.integration.property;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.plan.MigrationOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.time.Duration;
import java.util.List;

/**
 * What one generated run asks for, as {@code pim migrate --approve} flags would.
 *
 * @param include service accounts named with {@code --include-service-account} ({@code namespace/name})
 */
public record RunOptions(boolean restart, boolean removeAnnotation, boolean removeOidcTrust, boolean removeWildcards,
                         int concurrency, List<String> include) {

    public MigrationOptions migration(boolean approve) {
        return MigrationOptions.builder().approve(approve).restartWorkloads(restart).restartBudget(2)
                .removeIrsaAnnotation(removeAnnotation).removeOidcTrust(removeOidcTrust).concurrency(concurrency)
                .timeout(Duration.ofSeconds(20)).includeServiceAccounts(include.stream().map(ServiceAccountRef::parse).toList())
                .removeWildcardOidcTrust(removeOidcTrust && removeWildcards).build();
    }

    /** Options for a scenario: any flags, and now and then a service account named by the user. */
    public static Arbitrary<RunOptions> forScenario(Scenario scenario) {
        List<String> refs = scenario.serviceAccounts().stream().map(Scenario.ServiceAccount::ref).toList();
        return Combinators.combine(Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of(false, true), Arbitraries.integers().between(1, 4),
                Arbitraries.of(refs).optional(0.15).map(named -> named.map(List::of).orElse(List.<String>of())))
                .as(RunOptions::new);
    }

    /**
     * These options, also asking for everything the earlier runs asked for: a run never undoes what another's flag
     * did (an annotation removed, OIDC trust stripped, pods restarted), so only such a run can end where one run from
     * the start ends.
     */
    public RunOptions covering(List<RunOptions> earlier) {
        RunOptions all = this;
        for (RunOptions o : earlier) {
            List<String> named = new java.util.ArrayList<>(all.include);
            o.include.stream().filter(i -> !named.contains(i)).forEach(named::add);
            all = new RunOptions(all.restart || o.restart, all.removeAnnotation || o.removeAnnotation,
                    all.removeOidcTrust || o.removeOidcTrust, all.removeWildcards || o.removeWildcards && o.removeOidcTrust,
                    concurrency, List.copyOf(named));
        }
        return all;
    }

    /** The options of a {@code migrate --approve ...} command line, as {@link #toString()} writes them. */
    public static RunOptions parse(String commandLine) {
        List<String> words = List.of(commandLine.trim().split("\\s+"));
        int concurrency = words.contains("--concurrency") ? Integer.parseInt(words.get(words.indexOf("--concurrency") + 1)) : 4;
        List<String> include = new java.util.ArrayList<>();
        for (int i = 0; i < words.size() - 1; i++) {
            if (words.get(i).equals("--include-service-account")) {
                include.add(words.get(i + 1));
            }
        }
        return new RunOptions(words.contains("--restart-workloads"), words.contains("--remove-irsa-annotation"),
                words.contains("--remove-oidc-trust"), words.contains("--remove-wildcard-oidc-trust"), concurrency,
                List.copyOf(include));
    }

    @Override
    public String toString() {
        return "migrate --approve" + (restart ? " --restart-workloads" : "") + (removeAnnotation ? " --remove-irsa-annotation" : "")
                + (removeOidcTrust ? " --remove-oidc-trust" : "") + (removeOidcTrust && removeWildcards ? " --remove-wildcard-oidc-trust" : "")
                + " --concurrency " + concurrency + include.stream().map(i -> " --include-service-account " + i).reduce("", String::concat);
    }
}
