package dev.pim.migration.verify;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

/** Verification under a scoped Pod Identity statement: it counts only if its conditions admit the binding. */
class ScopedTrustVerificationTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private static final String CLUSTER = "arn:aws:eks:" + FakeCloud.REGION + ":" + FakeCloud.ACCOUNT + ":cluster/payments";
    private final FakeCloud cloud = new FakeCloud();

    private BindingVerification verifyWith(String podIdentityStatement) {
        String irsa = irsaTrust("shop/orders");
        cloud.iam.role("orders-reader", irsa.substring(0, irsa.length() - 2) + "," + podIdentityStatement + "]}");
        String role = cloud.iam.arn("orders-reader");
        cloud.kubernetes.serviceAccount("shop", "orders", role).deployment("shop", "orders-api", "orders", 1);
        cloud.eks.association(ORDERS, role);
        cloud.eks.addon(Preflight.AGENT_ADDON, "kube-system", null);
        List<Binding> bindings = cloud.plan(MigrationOptions.planOnly()).bindings();
        return new Verifier(cloud.eks, cloud.iam, cloud.kubernetes, FakeCloud.PROVIDER_ARN, 1, Map.of(),
                new ConcurrentHashMap<>(), CLUSTER).verify(bindings).bindings().get(0);
    }

    private static String scopedTo(String namespace, String serviceAccount) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
                + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":{"
                + "\"aws:RequestTag/eks-cluster-arn\":[\"" + CLUSTER + "\"],"
                + "\"aws:RequestTag/kubernetes-namespace\":[\"" + namespace + "\"],"
                + "\"aws:RequestTag/kubernetes-service-account\":[\"" + serviceAccount + "\"]}}}";
    }

    @Test
    void aStatementScopedToTheBindingCounts() {
        assertThat(verifyWith(scopedTo("shop", "orders")).problems()).isEmpty();
    }

    @Test
    void aStatementScopedToAnotherServiceAccountIsAProblemNamingTheBinding() {
        assertThat(verifyWith(scopedTo("shop", "billing")).problems()).singleElement().asString()
                .contains("its conditions do not admit shop/orders of this cluster");
    }
}
