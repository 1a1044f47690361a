package dev.pim.migration.plan;

import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.trust.TrustPolicy;
import dev.pim.migration.trust.TrustScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

/** The planner's Pod Identity statement under each {@link TrustScope}: built from the role's bindings. */
class PlannerTrustScopeTest {
    private static final String DEMO = "arn:aws:eks:us-west-2:" + InventoryBuilder.ACCOUNT + ":cluster/demo";

    private static MigrationPlan plan(InventoryBuilder inventory, TrustScope scope) {
        var inv = inventory.build();
        return Planner.plan(inv, Preflight.evaluate(inv.cluster(), Optional.empty(), true),
                MigrationOptions.builder().approve(true).timeout(Duration.ofMinutes(1)).trustScope(scope).build(),
                null, "v1.3.4-eksbuild.1");
    }

    private static InventoryBuilder sharedRole() {
        return new InventoryBuilder()
                .serviceAccount("n", "email", arn("notify")).serviceAccount("n", "sms", arn("notify"))
                .role("notify", irsaTrust(URL, "system:serviceaccount:n:email", "system:serviceaccount:n:sms"));
    }

    @Test
    void theServiceAccountScopeAdmitsTheRolesBindingsAndNoOneElse() {
        RolePlan role = plan(sharedRole(), TrustScope.SERVICE_ACCOUNT).roles().get(0);
        TrustPolicy after = TrustPolicy.parse(role.roleArn(), role.trustAfter());

        assertThat(role.podIdentityScope().level()).isEqualTo(TrustScope.SERVICE_ACCOUNT);
        assertThat(role.trustAfter()).contains("\"aws:RequestTag/kubernetes-service-account\":[\"email\",\"sms\"]");
        assertThat(after.admitsPodIdentity(DEMO, "n", "email")).isTrue();
        assertThat(after.admitsPodIdentity(DEMO, "n", "sms")).isTrue();
        assertThat(after.admitsPodIdentity(DEMO, "n", "push")).isFalse();
        assertThat(role.notes().get(0)).contains("when StringEquals aws:RequestTag/eks-cluster-arn [" + DEMO + "]");
    }

    @Test
    void theAccountScopeIsTheDocumentedStatement() {
        RolePlan role = plan(sharedRole(), TrustScope.ACCOUNT).roles().get(0);

        assertThat(role.trustAfter()).contains("pods.eks.amazonaws.com").doesNotContain("aws:RequestTag");
        assertThat(TrustPolicy.parse(role.roleArn(), role.trustAfter()).admitsPodIdentity(DEMO, "n", "push")).isTrue();
    }

    @Test
    void anAssociationAlreadyNamingTheRoleIsKeptInTheScopeSoADormantOneStillRefusesTheRole() {
        InventoryBuilder inventory = new InventoryBuilder()
                .serviceAccount("batch", "worker", arn("shared")).serviceAccount("kube-system", "job", null)
                .role("shared", irsaTrust(URL, "system:serviceaccount:batch:worker"))
                .association("kube-system", "job", arn("shared"));

        for (TrustScope scope : TrustScope.values()) {
            assertThat(plan(inventory, scope).roles().get(0).refusal()).as(scope.label())
                    .contains("association a-job (kube-system/job)").contains("cannot use it today");
        }
    }
}
