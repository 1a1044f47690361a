package dev.pim.local.kubernetes;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.AccessEntryState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Credential;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesAuthorizationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
    private static final String POLICY = "arn:aws:eks::aws:cluster-access-policy/";
    private static final String REMOVE_ROLE_ARN = "{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/role-arn\":null}}}";
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    private KubernetesClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aViewOnlyEntryReadsButCannotPatch() {
        client = clientWithEntry("viewer", "AmazonEKSViewPolicy", "cluster", List.of());

        assertThat(client.serviceAccounts().inAnyNamespace().list().getItems()).isNotEmpty();
        assertForbidden(() -> client.serviceAccounts().inNamespace("payments").withName("payments-api")
                        .patch(MERGE, REMOVE_ROLE_ARN),
                "serviceaccounts \"payments-api\" is forbidden: User \"arn:aws:sts::111122223333:assumed-role/viewer/"
                        + "viewer-session\" cannot patch resource \"serviceaccounts\" in API group \"\" in the namespace "
                        + "\"payments\"");
        assertForbidden(() -> client.apps().deployments().inNamespace("payments").withName("payments-api")
                        .rolling().restart(),
                "deployments.apps \"payments-api\" is forbidden: User \"arn:aws:sts::111122223333:assumed-role/viewer/"
                        + "viewer-session\" cannot patch resource \"deployments\" in API group \"apps\" in the namespace "
                        + "\"payments\"");
    }

    @Test
    void aCallerWithoutAnAccessEntryIsForbiddenEverything() {
        client = clientFor("stranger");

        assertForbidden(() -> client.serviceAccounts().inAnyNamespace().list(),
                "serviceaccounts is forbidden: User \"arn:aws:sts::111122223333:assumed-role/stranger/stranger-session\" "
                        + "cannot list resource \"serviceaccounts\" in API group \"\" at the cluster scope");
        assertForbidden(() -> client.nodes().list(), null);
        assertForbidden(() -> client.serviceAccounts().inNamespace("payments").withName("payments-api").get(), null);
    }

    @Test
    void aNamespaceScopedPolicyGrantsOnlyInItsNamespaces() {
        client = clientWithEntry("payments-team", "AmazonEKSEditPolicy", "namespace", List.of("payments"));

        assertThat(client.serviceAccounts().inNamespace("payments").withName("payments-api")
                .patch(MERGE, REMOVE_ROLE_ARN).getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(client.namespaces().withName("payments").get()).isNotNull();
        assertForbidden(() -> client.serviceAccounts().inNamespace("orders").withName("orders-api")
                .patch(MERGE, REMOVE_ROLE_ARN), null);
        assertForbidden(() -> client.serviceAccounts().inAnyNamespace().list(), null);
        assertForbidden(() -> client.nodes().list(), null);
    }

    @Test
    void theSystemMastersGroupGrantsEverything() {
        cloud.cloud().write(state -> {
            addCredential(state.credentials, "admin");
            AccessEntryState entry = new AccessEntryState(roleArn("admin"), "STANDARD", null, List.of("system:masters"),
                    Instant.now());
            demo(state).accessEntries.put(entry.principalArn, entry);
        });
        client = clientFor("admin");

        assertThat(client.serviceAccounts().inNamespace("payments").withName("payments-api")
                .patch(MERGE, REMOVE_ROLE_ARN)).isNotNull();
    }

    private KubernetesClient clientWithEntry(String role, String policy, String scope, List<String> namespaces) {
        cloud.cloud().write(state -> {
            addCredential(state.credentials, role);
            AccessEntryState entry = new AccessEntryState(roleArn(role), "STANDARD",
                    "arn:aws:sts::111122223333:assumed-role/" + role + "/{{SessionName}}", List.of(), Instant.now());
            entry.policies.put(POLICY + policy, new AccessEntryState.AssociatedPolicy(POLICY + policy, scope, namespaces,
                    Instant.now(), Instant.now()));
            demo(state).accessEntries.put(entry.principalArn, entry);
        });
        return clientFor(role);
    }

    private KubernetesClient clientFor(String role) {
        cloud.cloud().write(state -> addCredential(state.credentials, role));
        return DemoCluster.client(cloud, EksTokens.token(role + "-key", role + "-secret", DemoCluster.REGION,
                DemoCluster.NAME));
    }

    private static void addCredential(java.util.Map<String, Credential> credentials, String role) {
        credentials.put(role + "-key", new Credential(role + "-key", role + "-secret", null, "111122223333",
                "arn:aws:sts::111122223333:assumed-role/" + role + "/" + role + "-session", roleArn(role), null));
    }

    private static String roleArn(String role) {
        return "arn:aws:iam::111122223333:role/" + role;
    }

    private static ClusterState demo(dev.pim.local.state.CloudState state) {
        return KubernetesReadsTest.demo(state);
    }

    private static void assertForbidden(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(403);
            assertThat(e.getStatus().getReason()).isEqualTo("Forbidden");
            if (message != null) {
                assertThat(e.getStatus().getMessage()).isEqualTo(message);
            }
        });
    }
}
