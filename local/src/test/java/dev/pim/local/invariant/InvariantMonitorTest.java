package dev.pim.local.invariant;

import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.kubernetes.EksTokens;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariant monitor sees what a migration step does wrong, at the call that did it, through the same HTTP
 * path the migrator uses: the EKS and IAM SDK clients and the fabric8 Kubernetes client.
 */
class InvariantMonitorTest {
    static final String CLUSTER = "111122223333/us-west-2/shop";
    static final String CART_ROLE = "arn:aws:iam::111122223333:role/cart";
    static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    static final String SHOP = """
            description: one cluster, the Pod Identity agent running; cart on IRSA, its role trusting both ways
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test, role: operator}]
                roles:
                  - name: operator
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: "sts:AssumeRole"}]}
                  - name: cart
                    irsa: [{cluster: shop, serviceAccounts: [shop/cart]}]
                    podIdentityTrust: true
                  - name: audience-only
                    trustPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/%1$s"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%1$s:aud":"sts.amazonaws.com"}}},{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"]}]}'
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
                        oidcIssuerId: 0A1B2C3D4E5F60718293A4B5C6D7E8F9
                        addons: [{name: eks-pod-identity-agent, status: ACTIVE}]
                        serviceAccounts:
                          - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                          - {namespace: shop, name: web, roleArn: "arn:aws:iam::111122223333:role/audience-only"}
                          - {namespace: shop, name: batch}
                        workloads:
                          - {namespace: shop, name: cart, serviceAccount: cart, replicas: 2}
                          - {namespace: shop, name: web, serviceAccount: web}
                          - {namespace: shop, name: batch, serviceAccount: batch}
            """.formatted(ISSUER);

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private EksClient eks;
    private IamClient iam;
    private KubernetesClient kubernetes;

    @BeforeEach
    void shop() {
        cloud.cloud().reset(FixtureLoader.parse("shop.yaml", SHOP));
        eks = EksClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        iam = AwsClients.iam(cloud);
        kubernetes = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withAutoConfigure(false)
                .withMasterUrl(cloud.endpoint() + "/k8s/111122223333/us-west-2/shop")
                .withOauthToken(EksTokens.token("test", "test", "us-west-2", "shop"))
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    @AfterEach
    void close() {
        eks.close();
        iam.close();
        kubernetes.close();
    }

    @Test
    void theSafeOrderKeepsEveryPromise() {
        associate("cart", CART_ROLE);
        restart("cart");
        removeRoleAnnotation("cart");

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
        assertThat(cloud.cloud().checkInvariants()).isEmpty();
        assertThat(cloud.cloud().invariants().summary().mutatingCalls()).isEqualTo(3);
    }

    @Test
    void removingTheAnnotationBeforeTheAssociationExistsIsCaughtAtThatCall() {
        removeRoleAnnotation("cart");

        List<Violation> seen = cloud.cloud().invariants().violations();
        assertThat(seen).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Violation.Invariant.CREDENTIAL_PATH);
            assertThat(v.subject()).isEqualTo("Deployment shop/cart");
            assertThat(v.detail()).contains("a pod it starts now gets no AWS credentials");
            assertThat(v.call().sequence()).isEqualTo(1);
            assertThat(v.call().operation()).isEqualTo("k8s:PatchServiceAccount");
            assertThat(v.call().target()).endsWith("/namespaces/shop/serviceaccounts/cart");
        });
    }

    @Test
    void strippingTheOidcTrustWhilePodsStillUseIrsaIsCaughtAtTheUpdate() {
        associate("cart", CART_ROLE);
        iam.updateAssumeRolePolicy(r -> r.roleName("cart").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));

        assertThat(cloud.cloud().invariants().violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.subject()).startsWith("Deployment shop/cart pod ");
            assertThat(v.detail()).contains("runs with IRSA with role " + CART_ROLE).contains("IMPLICIT_DENY");
            assertThat(v.call().operation()).isEqualTo("iam:UpdateAssumeRolePolicy");
            assertThat(v.call().target()).isEqualTo("RoleName=cart");
        });
    }

    @Test
    void aCallNamingARoleIsJudgedAgainForTheServiceAccountsThatUseItAsAFreshJudgementWould() {
        cloud.cloud().invariants().crossCheck(true);
        try {
            associate("cart", CART_ROLE);
            // The role's trust names the subject outright (IRSA), then loses the OIDC statement while pods use it.
            iam.updateAssumeRolePolicy(r -> r.roleName("cart").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));
            iam.updateAssumeRolePolicy(r -> r.roleName("audience-only").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                            + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));

            assertThat(cloud.cloud().invariants().violations()).isNotEmpty()
                    .anySatisfy(v -> assertThat(v.call().target()).isEqualTo("RoleName=cart"));
            assertThat(cloud.cloud().invariants().incrementalDrift()).isEmpty();
        } finally {
            cloud.cloud().invariants().crossCheck(false);
        }
    }

    @Test
    void anAgentThatSettlesOnTheClockIsJudgedAgainAtTheNextCallAsAFreshJudgementWould() {
        cloud.cloud().write(s -> {
            var agent = s.cluster("111122223333", "us-west-2", "shop").orElseThrow().addons.get("eks-pod-identity-agent");
            agent.status = "CREATING";
            agent.pendingOutcome = "ACTIVE";
            agent.settlesAt = s.now().plusSeconds(5);
        });
        cloud.cloud().invariants().crossCheck(true);
        try {
            // Judged while the agent is still CREATING: cart's Pod Identity path has no agent yet.
            associate("cart", CART_ROLE);
            cloud.cloud().clock().advance(java.time.Duration.ofSeconds(10));
            // The agent became ACTIVE with no call; the next call is about another service account.
            restart("web");

            assertThat(cloud.cloud().invariants().incrementalDrift()).isEmpty();
        } finally {
            cloud.cloud().invariants().crossCheck(false);
        }
    }

    @Test
    void anAssociationForAServiceAccountThatHadNoRoleIsWidening() {
        associate("batch", "arn:aws:iam::111122223333:role/audience-only");

        assertThat(cloud.cloud().invariants().violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Violation.Invariant.NO_WIDENING);
            assertThat(v.subject()).isEqualTo("shop/batch");
            assertThat(v.detail()).contains("can now get role arn:aws:iam::111122223333:role/audience-only");
            assertThat(v.call().operation()).isEqualTo("eks:CreatePodIdentityAssociation");
        });
    }

    @Test
    void anAssociationForAServiceAccountATrustNamesInAnotherLetterCaseIsNotWidening() {
        // StringEqualsIgnoreCase on SHOP:BATCH lets shop/batch's token in: the pair was there from the start.
        String role = "      - name: batch-any-case\n        trustPolicy: '{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/" + ISSUER + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\","
                + "\"Condition\":{\"StringEqualsIgnoreCase\":{\"" + ISSUER + ":sub\":\"SYSTEM:SERVICEACCOUNT:SHOP:BATCH\"}}},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}'\n";
        cloud.cloud().reset(FixtureLoader.parse("shop.yaml", SHOP.replace("    regions:\n", role + "    regions:\n")));

        associate("batch", "arn:aws:iam::111122223333:role/batch-any-case");

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
    }

    @Test
    void aPairTheUserNamedIsNotWidening() {
        cloud.cloud().invariants().allow(CLUSTER, "shop/batch", "arn:aws:iam::111122223333:role/audience-only");

        associate("batch", "arn:aws:iam::111122223333:role/audience-only");

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
    }

    @Test
    void anAssociationForTheServiceAccountAnnotatedWithAnAudienceOnlyRoleKeepsItsOwnPair() {
        associate("web", "arn:aws:iam::111122223333:role/audience-only");

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
    }

    @Test
    void aPodLeftOnPodIdentityAfterItsAssociationGoesIsPendingUntilRestartedAndAViolationIfNever() {
        String id = associate("cart", CART_ROLE);
        restart("cart");

        eks.deletePodIdentityAssociation(r -> r.clusterName("shop").associationId(id));

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
        assertThat(cloud.cloud().invariants().summary().pending()).hasSize(2);
        assertThat(cloud.cloud().checkInvariants()).hasSize(2).allSatisfy(v ->
                assertThat(v.detail()).contains("no Pod Identity association").contains("none came"));

        restart("cart");

        assertThat(cloud.cloud().invariants().summary().pending()).isEmpty();
        assertThat(cloud.cloud().checkInvariants()).isEmpty();
    }

    @Test
    void removingTheAgentUnderPodsOnPodIdentityIsCaught() {
        associate("cart", CART_ROLE);
        restart("cart");

        eks.deleteAddon(r -> r.clusterName("shop").addonName("eks-pod-identity-agent"));

        assertThat(cloud.cloud().invariants().violations()).isNotEmpty().allSatisfy(v -> {
            assertThat(v.detail()).contains("the eks-pod-identity-agent add-on is not running");
            assertThat(v.call().operation()).isEqualTo("eks:DeleteAddon");
        });
    }

    @Test
    void aTrustPolicyChangedBeforeTheJournalHeldItsOriginalIsLoss() {
        cloud.cloud().invariants().journal((role, policy) -> false);

        iam.updateAssumeRolePolicy(r -> r.roleName("operator").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Operators\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"sts:AssumeRole\"}]}"));

        assertThat(cloud.cloud().invariants().violations()).singleElement().satisfies(v -> {
            assertThat(v.invariant()).isEqualTo(Violation.Invariant.NO_LOSS);
            assertThat(v.subject()).isEqualTo("arn:aws:iam::111122223333:role/operator");
        });
    }

    @Test
    void aJournalHoldingTheOriginalIsNoLoss() {
        String original = cloud.cloud().read(s -> s.account("111122223333").role("operator").orElseThrow().trustPolicy);
        cloud.cloud().invariants().journal((role, policy) -> role.endsWith(":role/operator") && policy.equals(original));

        iam.updateAssumeRolePolicy(r -> r.roleName("operator").policyDocument(original));

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
    }

    @Test
    void theAdminApiShowsTheViolationsAndChecksOnDemand() throws Exception {
        removeRoleAnnotation("cart");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> summary = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_pim/invariants"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/_pim/invariants/check"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"invariant\":\"CREDENTIAL_PATH\"").contains("\"operation\":\"k8s:PatchServiceAccount\"")
                .contains("\"mutatingCalls\":1");
        assertThat(check.body()).contains("Deployment shop/cart");
    }

    @Test
    void aStateArrangedByATestIsTheNewStartingPoint() {
        cloud.cloud().write(s -> {
            var shop = s.cluster("111122223333", "us-west-2", "shop").orElseThrow();
            var arranged = new dev.pim.local.state.AssociationState("a-arrangedbyatest00", "arn:aws:eks:us-west-2:111122223333:"
                    + "podidentityassociation/shop/a-arrangedbyatest00", "shop", "shop", "batch", s.now());
            arranged.roleArn = "arn:aws:iam::111122223333:role/audience-only";
            shop.associations.put(arranged.id, arranged);
        });

        restart("batch");

        assertThat(cloud.cloud().invariants().violations()).isEmpty();
    }

    private String associate(String serviceAccount, String roleArn) {
        return eks.createPodIdentityAssociation(r -> r.clusterName("shop").namespace("shop")
                .serviceAccount(serviceAccount).roleArn(roleArn)).association().associationId();
    }

    private void restart(String deployment) {
        kubernetes.apps().deployments().inNamespace("shop").withName(deployment).rolling().restart();
    }

    private void removeRoleAnnotation(String serviceAccount) {
        kubernetes.serviceAccounts().inNamespace("shop").withName(serviceAccount).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"eks.amazonaws.com/role-arn\":null}}}");
        ServiceAccount after = kubernetes.serviceAccounts().inNamespace("shop").withName(serviceAccount).get();
        assertThat(after.getMetadata().getAnnotations()).doesNotContainKey("eks.amazonaws.com/role-arn");
    }
}
