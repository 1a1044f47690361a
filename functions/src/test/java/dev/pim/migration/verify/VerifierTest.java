package dev.pim.migration.verify;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

/** The verification of bindings on Pod Identity, each check against the in-memory ports. */
class VerifierTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private static final WorkloadRef ORDERS_API = new WorkloadRef("Deployment", "shop", "orders-api");
    private static final String POD_IDENTITY_STATEMENT = "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}";
    private final FakeCloud cloud = new FakeCloud();
    private String role;

    /** A service account already moved by hand: both trusts, its association, the agent, and the IRSA annotation still set. */
    @BeforeEach
    void aMigratedServiceAccount() {
        String irsa = irsaTrust("shop/orders");
        cloud.iam.role("orders-reader", irsa.substring(0, irsa.length() - 2) + "," + POD_IDENTITY_STATEMENT + "]}");
        role = cloud.iam.arn("orders-reader");
        cloud.kubernetes.serviceAccount("shop", "orders", role).deployment("shop", "orders-api", "orders", 2);
        cloud.eks.association(ORDERS, role);
        cloud.eks.addon(Preflight.AGENT_ADDON, "kube-system", null);
    }

    private List<Binding> bindings() {
        List<Binding> bindings = cloud.plan(MigrationOptions.planOnly()).bindings();
        assertThat(bindings).singleElement().satisfies(b -> assertThat(b.bindingClass()).isEqualTo(BindingClass.ALREADY_MIGRATED));
        return bindings;
    }

    private BindingVerification verify(List<Binding> bindings) {
        VerificationReport report = new Verifier(cloud.eks, cloud.iam, cloud.kubernetes, FakeCloud.PROVIDER_ARN).verify(bindings);
        assertThat(report.bindings()).hasSize(1);
        return report.bindings().get(0);
    }

    @Test
    void podsStartedBeforeTheAssociationAreLeftoversNotVerified() {
        BindingVerification checked = verify(bindings());

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.podsMoved()).isFalse();
        assertThat(checked.verified()).isFalse();
        assertThat(checked.leftovers()).contains("2 pod(s) still run with IRSA: restart them (--restart-workloads)");
    }

    @Test
    void restartedPodsMakeItVerifiedWithTheAnnotationAndOidcTrustAsLeftovers() {
        cloud.kubernetes.restart(ORDERS_API, Instant.parse("2026-11-22T10:00:00Z"));

        BindingVerification checked = verify(bindings());

        assertThat(checked.verified()).isTrue();
        assertThat(checked.leftovers()).containsExactlyInAnyOrder(
                "role orders-reader still trusts this cluster's OIDC provider for shop/orders",
                "the eks.amazonaws.com/role-arn annotation is still set");
    }

    @Test
    void aRoleThatStoppedTrustingPodIdentityIsAProblem() {
        cloud.kubernetes.restart(ORDERS_API, Instant.parse("2026-11-22T10:00:00Z"));
        List<Binding> bindings = bindings();
        cloud.iam.updateTrustPolicy("orders-reader", irsaTrust("shop/orders"));

        BindingVerification checked = verify(bindings);

        assertThat(checked.verified()).isFalse();
        assertThat(checked.problems()).containsExactly(
                "role orders-reader does not trust pods.eks.amazonaws.com (sts:AssumeRole, sts:TagSession)");
    }

    @Test
    void anAssociationReplacedWithAnotherRoleIsAProblemNamingBoth() {
        cloud.kubernetes.restart(ORDERS_API, Instant.parse("2026-11-22T10:00:00Z"));
        List<Binding> bindings = bindings();
        cloud.iam.role("intruder", "{\"Version\":\"2012-10-17\",\"Statement\":[" + POD_IDENTITY_STATEMENT + "]}");
        cloud.eks.deleteAssociation(cloud.eks.association(ORDERS).orElseThrow().id());
        cloud.eks.association(ORDERS, cloud.iam.arn("intruder"));

        BindingVerification checked = verify(bindings);

        assertThat(checked.verified()).isFalse();
        assertThat(checked.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("names role " + cloud.iam.arn("intruder") + ", expected " + role));
    }

    @Test
    void aDeletedAssociationIsAProblem() {
        List<Binding> bindings = bindings();
        cloud.eks.deleteAssociation(cloud.eks.association(ORDERS).orElseThrow().id());

        assertThat(verify(bindings).problems()).contains("no Pod Identity association");
    }

    @Test
    void withoutTheAgentNoBindingIsVerified() {
        cloud.kubernetes.restart(ORDERS_API, Instant.parse("2026-11-22T10:00:00Z"));
        List<Binding> bindings = bindings();
        cloud.eks.deleteAddon(Preflight.AGENT_ADDON);

        BindingVerification checked = verify(bindings);

        assertThat(checked.verified()).isFalse();
        assertThat(checked.problems()).containsExactly("the eks-pod-identity-agent add-on is not installed: pods cannot "
                + "get Pod Identity credentials");
    }

    @Test
    void anAssociationOwnedByAnAddonThatDidNotSettleIsAProblemThoughTheAddonNoLongerUsesIrsa() {
        String irsa = irsaTrust("kube-system/aws-node");
        cloud.iam.role("vpc-cni", irsa.substring(0, irsa.length() - 2) + "," + POD_IDENTITY_STATEMENT + "]}");
        cloud.kubernetes.serviceAccount("kube-system", "aws-node", null);
        cloud.eks.addon("vpc-cni", "kube-system", null, "aws-node");
        cloud.eks.addonsSettleTo("DEGRADED");
        cloud.eks.updateAddonAssociations("vpc-cni", "v1.0.0-eksbuild.1", Map.of("aws-node", cloud.iam.arn("vpc-cni")));
        List<Binding> bindings = cloud.plan(MigrationOptions.planOnly()).bindings().stream()
                .filter(b -> b.serviceAccount().name().equals("aws-node")).toList();
        assertThat(bindings).singleElement().satisfies(b -> assertThat(b.addon()).as("discovery's add-on").isNull());

        BindingVerification checked = verify(bindings);

        assertThat(checked.verified()).isFalse();
        assertThat(checked.problems()).anySatisfy(p -> assertThat(p).startsWith("add-on vpc-cni is DEGRADED"));
    }

    @Test
    void bindingsStillOnIrsaAreNotVerifiedAtAll() {
        cloud.eks.deleteAssociation(cloud.eks.association(ORDERS).orElseThrow().id());
        List<Binding> bindings = cloud.plan(MigrationOptions.planOnly()).bindings();
        List<Binding> notOnPodIdentity = bindings.stream().map(b -> new Binding(b.serviceAccount(), b.roleArn(), b.sources(),
                BindingClass.BROKEN, b.reason(), b.warnings(), b.addon(), b.associationRoleArn(), b.targetRoleArn(),
                b.workloads())).toList();

        VerificationReport report = new Verifier(cloud.eks, cloud.iam, cloud.kubernetes, FakeCloud.PROVIDER_ARN)
                .verify(notOnPodIdentity);

        assertThat(report.bindings()).isEmpty();
        assertThat(report.clean()).isTrue();
    }
}
