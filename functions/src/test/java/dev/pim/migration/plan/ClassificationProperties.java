package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.trust.GeneratedPolicies;
import dev.pim.migration.trust.TrustPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Classification over generated inventories (service accounts annotated with generated roles or not, roles with
 * generated trust policies): the plan binds a service account to a role only where it could get that role before.
 */
class ClassificationProperties {
    static final List<String> ACCOUNTS = GeneratedPolicies.SUBJECTS.stream()
            .map(s -> s.substring("system:serviceaccount:".length()).replace(':', '/')).toList();

    /** An inventory: per service account, the role (index) it is annotated with or -1; per role, its trust. */
    record Generated(List<Integer> annotations, List<String> trust, Set<String> included) {
        ClusterInventory inventory() {
            InventoryBuilder b = new InventoryBuilder();
            for (int i = 0; i < ACCOUNTS.size(); i++) {
                String[] sa = ACCOUNTS.get(i).split("/");
                int role = annotations.get(i);
                b.serviceAccount(sa[0], sa[1], role < 0 ? null : InventoryBuilder.arn("r" + role));
            }
            for (int r = 0; r < trust.size(); r++) {
                b.role("r" + r, trust.get(r).replace(GeneratedPolicies.URL, InventoryBuilder.URL));
            }
            return b.build();
        }
    }

    @Provide
    Arbitrary<Generated> inventories() {
        return Arbitraries.integers().between(1, 3).flatMap(roles -> Combinators.combine(
                Arbitraries.integers().between(-1, roles - 1).list().ofSize(ACCOUNTS.size()),
                GeneratedPolicies.policies().list().ofSize(roles),
                Arbitraries.of(ACCOUNTS).set().ofMaxSize(1))
                .as(Generated::new));
    }

    @Property(tries = 500)
    void aServiceAccountIsBoundOnlyToARoleItCouldGetBefore(@ForAll("inventories") Generated g) {
        ClusterInventory inventory = g.inventory();
        Set<ServiceAccountRef> included = g.included().stream().map(ServiceAccountRef::parse).collect(Collectors.toSet());
        List<Binding> bindings = new BindingClassifier(inventory, null, included).classify();
        Map<ServiceAccountRef, ServiceAccountInfo> accounts = inventory.serviceAccounts().stream()
                .collect(Collectors.toMap(ServiceAccountInfo::ref, sa -> sa));
        String provider = inventory.cluster().oidcProviderArn(InventoryBuilder.ACCOUNT);
        for (Binding b : bindings) {
            if (!b.migratable()) {
                continue;
            }
            ServiceAccountInfo sa = accounts.get(b.serviceAccount());
            var access = TrustPolicy.parse(b.roleArn(), inventory.roles().get(b.roleArn()).trustPolicy())
                    .webIdentity(provider, b.serviceAccount().subject(), sa.irsaAudience());
            boolean annotated = b.roleArn().equals(sa.roleArnAnnotation());
            assertThat(access.decision().outcome()).as(b + " is migratable, yet its trust does not let it in")
                    .isIn(dev.pim.migration.trust.TrustDecision.Outcome.ALLOWED, dev.pim.migration.trust.TrustDecision.Outcome.UNCERTAIN);
            assertThat(annotated || access.named() || included.contains(b.serviceAccount()))
                    .as(b + " is migratable though it is neither annotated with the role, named by its trust, nor included")
                    .isTrue();
        }
    }

    @Property(tries = 500)
    void aServiceAccountGetsAtMostOneRole(@ForAll("inventories") Generated g) {
        List<Binding> bindings = new BindingClassifier(g.inventory(), null, Set.of()).classify();
        Map<ServiceAccountRef, Long> migratable = bindings.stream().filter(Binding::migratable)
                .collect(Collectors.groupingBy(Binding::serviceAccount, Collectors.counting()));
        assertThat(migratable.values()).as("migratable bindings per service account: " + migratable).allMatch(n -> n == 1);
    }
}
