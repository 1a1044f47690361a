package dev.pim.local.eks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.ClusterState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static dev.pim.local.eks.EksTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

class EksPodIdentityAssociationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static final String ORDERS_ROLE = "arn:aws:iam::111122223333:role/orders";
    static final String PAYMENTS_ROLE = "arn:aws:iam::111122223333:role/apps/payments";
    static final String IRSA_ONLY_ROLE = "arn:aws:iam::111122223333:role/irsa-only";
    static final String FOREIGN_ROLE = "arn:aws:iam::444455556666:role/foreign";
    static final String POD_IDENTITY_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
             "Action":["sts:AssumeRole","sts:TagSession"]}]}""";

    static final Fixture SHOP = FixtureLoader.parse("shop.yaml", """
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                roles:
                  - {name: orders, podIdentityTrust: true}
                  - {name: payments, path: /apps/, podIdentityTrust: true}
                  - {name: irsa-only, irsa: [{cluster: shop, serviceAccounts: [orders/orders-api]}]}
                  - name: no-tag-session
                    trustPolicy:
                      Version: "2012-10-17"
                      Statement:
                        - {Effect: Allow, Principal: {Service: pods.eks.amazonaws.com}, Action: sts:AssumeRole}
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
              - id: "444455556666"
                roles:
                  - {name: foreign, podIdentityTrust: true}
            """);

    private final EksClient eks = eks(cloud);

    @BeforeEach
    void useShopFixture() {
        cloud.cloud().reset(SHOP);
    }

    private PodIdentityAssociation create(String namespace, String serviceAccount, String roleArn) {
        return eks.createPodIdentityAssociation(r -> r.clusterName("shop").namespace(namespace)
                .serviceAccount(serviceAccount).roleArn(roleArn)).association();
    }

    @Test
    void createsAnAssociationWithIdAndArnInEksFormats() {
        PodIdentityAssociation created = eks.createPodIdentityAssociation(r -> r.clusterName("shop")
                .namespace("orders").serviceAccount("orders-api").roleArn(ORDERS_ROLE).tags(Map.of("team", "orders")))
                .association();

        assertThat(created.associationId()).matches("a-[a-z0-9]{17}");
        assertThat(created.associationArn())
                .isEqualTo("arn:aws:eks:us-west-2:111122223333:podidentityassociation/shop/" + created.associationId());
        assertThat(created.roleArn()).isEqualTo(ORDERS_ROLE);
        assertThat(created.tags()).isEqualTo(Map.of("team", "orders"));
        assertThat(created.ownerArn()).isNull();
        assertThat(created.disableSessionTags()).isFalse();
        assertThat(created.createdAt()).isEqualTo(created.modifiedAt());
        PodIdentityAssociation described = eks.describePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(created.associationId())).association();
        assertThat(described).isEqualTo(created);
    }

    @Test
    void refusesASecondAssociationForTheSameServiceAccountNamingTheExistingOne() {
        String existing = create("orders", "orders-api", ORDERS_ROLE).associationId();

        EksException e = eksError(() -> create("orders", "orders-api", PAYMENTS_ROLE));

        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Association already exists: " + existing);
    }

    @Test
    void listsSummariesWithoutRolesFilteredAndPaged() throws Exception {
        create("orders", "orders-api", ORDERS_ROLE);
        create("orders", "orders-events", ORDERS_ROLE);
        create("payments", "payments-api", PAYMENTS_ROLE);

        List<PodIdentityAssociationSummary> all = eks.listPodIdentityAssociationsPaginator(r -> r.clusterName("shop")
                .maxResults(2)).associations().stream().toList();
        List<PodIdentityAssociationSummary> orders = eks.listPodIdentityAssociations(r -> r.clusterName("shop")
                .namespace("orders")).associations();
        List<PodIdentityAssociationSummary> events = eks.listPodIdentityAssociations(r -> r.clusterName("shop")
                .serviceAccount("orders-events")).associations();

        assertThat(all).extracting(PodIdentityAssociationSummary::serviceAccount)
                .containsExactly("orders-api", "orders-events", "payments-api");
        assertThat(orders).extracting(PodIdentityAssociationSummary::serviceAccount)
                .containsExactly("orders-api", "orders-events");
        assertThat(events).singleElement().satisfies(s -> assertThat(s.namespace()).isEqualTo("orders"));
        JsonNode listed = new ObjectMapper().readTree(raw(cloud, "GET", "/clusters/shop/pod-identity-associations",
                null).body());
        assertThat(listed.path("associations")).hasSize(3).allSatisfy(summary -> {
            assertThat(summary.has("roleArn")).isFalse();
            assertThat(summary.has("associationArn")).isTrue();
        });
    }

    @Test
    void refusesMaxResultsOutsideOneToHundredWhenListing() {
        EksException e = eksError(() -> eks.listPodIdentityAssociations(r -> r.clusterName("shop").maxResults(0)));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("maxResults must be between 1 and 100");
    }

    @Test
    void setsTheExternalIdWhenATargetRoleIsGivenAndClearsItWithTheTargetRole() {
        PodIdentityAssociation created = eks.createPodIdentityAssociation(r -> r.clusterName("shop")
                .namespace("orders").serviceAccount("orders-api").roleArn(ORDERS_ROLE).targetRoleArn(FOREIGN_ROLE))
                .association();

        assertThat(created.targetRoleArn()).isEqualTo(FOREIGN_ROLE);
        assertThat(created.externalId()).isEqualTo("us-west-2/111122223333/shop/orders/orders-api");
        PodIdentityAssociation cleared = eks.updatePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(created.associationId()).targetRoleArn("")).association();
        assertThat(cleared.targetRoleArn()).isNull();
        assertThat(cleared.externalId()).isNull();
    }

    @Test
    void refusesAnUpdateThatChangesNothing() {
        String id = create("orders", "orders-api", ORDERS_ROLE).associationId();

        EksException e = eksError(() -> eks.updatePodIdentityAssociation(r -> r.clusterName("shop").associationId(id)));

        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("must change at least one of roleArn");
    }

    /** The pinned SDK predates the {@code policy} member (2026-03), so this goes over raw HTTP. */
    @Test
    void acceptsASessionPolicyOnlyWithSessionTagsDisabled() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}";
        var request = json.createObjectNode().put("namespace", "orders").put("serviceAccount", "orders-api")
                .put("roleArn", ORDERS_ROLE).put("policy", policy);

        var withTags = raw(cloud, "POST", "/clusters/shop/pod-identity-associations", request.toString());
        var withoutTags = raw(cloud, "POST", "/clusters/shop/pod-identity-associations",
                request.put("disableSessionTags", true).toString());

        assertThat(withTags.statusCode()).isEqualTo(400);
        assertThat(withTags.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidParameterException");
        assertThat(withTags.body()).contains("disableSessionTags");
        assertThat(withoutTags.statusCode()).isEqualTo(200);
        assertThat(json.readTree(withoutTags.body()).path("association").path("policy").asText()).isEqualTo(policy);
    }

    @Test
    void deletesAnAssociationAndThenNoLongerFindsIt() {
        String id = create("orders", "orders-api", ORDERS_ROLE).associationId();

        PodIdentityAssociation deleted = eks.deletePodIdentityAssociation(r -> r.clusterName("shop").associationId(id))
                .association();
        EksException describe = eksError(() -> eks.describePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(id)));
        EksException deleteAgain = eksError(() -> eks.deletePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(id)));

        assertThat(deleted.associationId()).isEqualTo(id);
        for (EksException e : List.of(describe, deleteAgain)) {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(e.awsErrorDetails().errorMessage()).contains(id);
        }
    }

    @Test
    void refusesAnAssociationIdOfTheWrongLength() {
        EksException e = eksError(() -> eks.describePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId("a-short")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The parameter associationId should be 19 characters long.");
    }

    @Test
    void refusesAMissingRequiredMemberNamingIt() {
        EksException e = eksError(() -> eks.createPodIdentityAssociation(r -> r.clusterName("shop")
                .serviceAccount("orders-api").roleArn(ORDERS_ROLE)));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("namespace");
    }

    @Test
    void refusesAnAssociationBeyondTheFiveThousandPerCluster() {
        cloud.cloud().write(state -> {
            ClusterState shop = state.cluster("111122223333", "us-west-2", "shop").orElseThrow();
            Instant now = state.now();
            for (int i = 0; i < Associations.LIMIT_PER_CLUSTER; i++) {
                Associations.create(shop, "bulk", "sa-" + i, ORDERS_ROLE, now);
            }
        });

        EksException e = eksError(() -> create("orders", "orders-api", ORDERS_ROLE));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceLimitExceededException");
    }

    @Test
    void refusesAnAssociationOnAnUnknownCluster() {
        EksException e = eksError(() -> eks.createPodIdentityAssociation(r -> r.clusterName("nope").namespace("a")
                .serviceAccount("b").roleArn(ORDERS_ROLE)));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No cluster found for name: nope.");
    }
}
