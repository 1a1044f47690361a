package dev.pim.integration.property;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Generators of {@link Scenario}s: small clusters (one to six service accounts, one to four roles) where every
 * part varies, so that the properties meet trust policies and annotations the bundled fixtures never had. Each part
 * shrinks on its own (fewer service accounts, fewer statements, plainer shapes), so a failure comes back small.
 */
public final class Scenarios {
    static final List<String> NAMESPACES = List.of("app", "batch", "kube-system");
    static final List<String> NAMES = List.of("api", "worker", "web", "default", "job-a", "job-b");
    /** IAM's default trust-policy quota, which a generated policy stays under (the fixture loader holds it). */
    static final int QUOTA = 2048;

    private Scenarios() {
    }

    public static Arbitrary<Scenario> scenarios() {
        Arbitrary<List<String>> refs = Combinators.combine(Arbitraries.of(NAMESPACES), Arbitraries.of(NAMES))
                .as((ns, name) -> ns + "/" + name).list().ofMinSize(1).ofMaxSize(6).uniqueElements();
        return refs.flatMap(names -> Arbitraries.integers().between(1, 4).flatMap(roleCount -> {
            Arbitrary<List<Scenario.ServiceAccount>> accounts = serviceAccounts(names, roleCount);
            Arbitrary<List<Scenario.Role>> roles = role(names.size()).list().ofSize(roleCount);
            Arbitrary<Boolean> agent = Arbitraries.of(true, false);
            Arbitrary<Optional<Integer>> addon = Arbitraries.integers().between(0, roleCount - 1).optional(0.2);
            Arbitrary<Optional<int[]>> association = Combinators.combine(Arbitraries.integers().between(0, names.size() - 1),
                    Arbitraries.integers().between(0, roleCount - 1)).as((sa, role) -> new int[]{sa, role}).optional(0.15);
            return Combinators.combine(accounts, roles, agent, addon, association).as(Scenario::new)
                    .filter(Scenarios::fitsQuota);
        }));
    }

    /**
     * Scenarios where at least one service account is annotated with a role whose trust names it outright, so that a
     * migration most likely has something to write (most generated clusters are all broken bindings, and a sequence
     * of runs that write nothing tests little). Shrinking keeps that binding.
     */
    public static Arbitrary<Scenario> withAnExactBinding() {
        return scenarios().filter(Scenarios::hasAnExactBinding);
    }

    private static boolean hasAnExactBinding(Scenario s) {
        for (int i = 0; i < s.serviceAccounts().size(); i++) {
            Scenario.ServiceAccount sa = s.serviceAccounts().get(i);
            if (sa.annotation() != Scenario.Annotation.ROLE) {
                continue;
            }
            for (Scenario.Statement statement : s.roles().get(sa.role()).statements()) {
                if (statement.shape() == Scenario.Shape.EXACT && statement.subjects().contains(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Arbitrary<List<Scenario.ServiceAccount>> serviceAccounts(List<String> names, int roleCount) {
        List<Arbitrary<Scenario.ServiceAccount>> each = new ArrayList<>();
        for (String ref : names) {
            String[] parts = ref.split("/");
            Arbitrary<Scenario.Annotation> annotation = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(6, Arbitraries.just(Scenario.Annotation.ROLE)),
                    net.jqwik.api.Tuple.of(4, Arbitraries.just(Scenario.Annotation.NONE)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(Scenario.Annotation.MALFORMED, Scenario.Annotation.OTHER_PARTITION,
                            Scenario.Annotation.MISSING_ROLE, Scenario.Annotation.CROSS_ACCOUNT, Scenario.Annotation.PADDED)));
            each.add(Combinators.combine(annotation, Arbitraries.integers().between(0, roleCount - 1),
                    Arbitraries.integers().between(0, 2), Arbitraries.just("vault").optional(0.05),
                    Arbitraries.just(true).optional(0.2))
                    .as((a, role, replicas, audience, settings) -> new Scenario.ServiceAccount(parts[0], parts[1], a, role,
                            replicas, audience.orElse(null), settings.isPresent())));
        }
        return Combinators.combine(each).as(List::copyOf);
    }

    private static Arbitrary<Scenario.Role> role(int serviceAccounts) {
        Arbitrary<Scenario.Statement> statement = Combinators.combine(shape(),
                Arbitraries.integers().between(-2, serviceAccounts - 1).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(false, true), Arbitraries.of(false, true))
                .as(Scenario.Statement::new);
        return Combinators.combine(statement.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 40).edgeCases(e -> e.includeOnly(0)), version())
                .as(Scenario.Role::new);
    }

    /**
     * Shapes weighted toward the usual ones, every other shape regularly, and the other spellings of the same trust
     * (other key case, IgnoreCase, IfExists, NotPrincipal...) a little less often, so the usual ones stay common.
     */
    private static Arbitrary<Scenario.Shape> shape() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just(Scenario.Shape.EXACT)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Scenario.Shape.POD_IDENTITY)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(Scenario.Shape.classic())),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(Scenario.Shape.variants())));
    }

    /** Mostly the current policy language; the old one and none (IAM reads none as the old one) now and then. */
    private static Arbitrary<Scenario.PolicyVersion> version() {
        return Arbitraries.frequency(net.jqwik.api.Tuple.of(8, Scenario.PolicyVersion.CURRENT),
                net.jqwik.api.Tuple.of(1, Scenario.PolicyVersion.OLD), net.jqwik.api.Tuple.of(1, Scenario.PolicyVersion.ABSENT));
    }

    private static boolean fitsQuota(Scenario s) {
        for (int r = 0; r < s.roles().size(); r++) {
            if (s.trustPolicy(r).length() > QUOTA) {
                return false;
            }
        }
        return true;
    }
}
