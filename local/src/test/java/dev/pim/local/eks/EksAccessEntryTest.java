package dev.pim.local.eks;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.AccessEntryState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.AccessEntry;
import software.amazon.awssdk.services.eks.model.AccessScopeType;
import software.amazon.awssdk.services.eks.model.AssociatedAccessPolicy;
import software.amazon.awssdk.services.eks.model.EksException;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static dev.pim.local.eks.EksTestSupport.raw;
import static org.assertj.core.api.Assertions.assertThat;

class EksAccessEntryTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    static final String MIGRATOR = "arn:aws:iam::111122223333:role/platform/pim-migrator";
    static final String EDIT = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";

    static final Fixture SHOP = FixtureLoader.parse("access-entries.yaml", """
            accounts:
              - id: "111122223333"
                credentials: [{accessKeyId: test, secretAccessKey: test}]
                regions:
                  - name: us-west-2
                    clusters:
                      - name: shop
                        accessEntries:
                          - {principalArn: "arn:aws:iam::111122223333:user/admin", policies: [AmazonEKSClusterAdminPolicy]}
                      - name: legacy
                        authenticationMode: CONFIG_MAP
            """);

    private final EksClient eks = eks(cloud);

    @BeforeEach
    void useShopFixture() {
        cloud.cloud().reset(SHOP);
    }

    private AccessEntry createMigratorEntry() {
        return eks.createAccessEntry(r -> r.clusterName("shop").principalArn(MIGRATOR)).accessEntry();
    }

    @Test
    void createsAStandardEntryWhoseUsernameIsTheRolesSession() {
        AccessEntry entry = createMigratorEntry();

        assertThat(entry.type()).isEqualTo("STANDARD");
        assertThat(entry.username()).isEqualTo("arn:aws:sts::111122223333:assumed-role/pim-migrator/{{SessionName}}");
        assertThat(entry.accessEntryArn())
                .matches("arn:aws:eks:us-west-2:111122223333:access-entry/shop/role/111122223333/pim-migrator/[0-9a-f-]{36}");
        assertThat(eks.describeAccessEntry(r -> r.clusterName("shop").principalArn(MIGRATOR)).accessEntry())
                .isEqualTo(entry);
        assertThat(eks.listAccessEntries(r -> r.clusterName("shop")).accessEntries())
                .containsExactly("arn:aws:iam::111122223333:user/admin", MIGRATOR);
    }

    @Test
    void refusesASecondEntryForTheSamePrincipal() {
        createMigratorEntry();

        EksException e = eksError(this::createMigratorEntry);

        assertThat(e.statusCode()).isEqualTo(409);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceInUseException");
        assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo("The specified access entry resource is already in use on this cluster.");
    }

    @Test
    void refusesAnAssumedRoleSessionAsPrincipal() {
        EksException e = eksError(() -> eks.createAccessEntry(r -> r.clusterName("shop")
                .principalArn("arn:aws:sts::111122223333:assumed-role/pim-migrator/session")));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("principalArn");
    }

    @Test
    void associatesAPolicyThroughThePercentEncodedPrincipalInThePath() throws Exception {
        createMigratorEntry();

        AssociatedAccessPolicy associated = eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR)
                .policyArn(EDIT).accessScope(s -> s.type(AccessScopeType.NAMESPACE).namespaces("payments", "orders")))
                .associatedAccessPolicy();
        String encoded = URLEncoder.encode(MIGRATOR, StandardCharsets.UTF_8);
        HttpResponse<String> listed = raw(cloud, "GET", "/clusters/shop/access-entries/" + encoded + "/access-policies",
                null);

        assertThat(associated.accessScope().namespaces()).containsExactly("payments", "orders");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(EDIT).contains(MIGRATOR);
        AccessEntryState stored = cloud.cloud().read(state -> state.cluster("111122223333", "us-west-2", "shop")
                .orElseThrow().accessEntries.get(MIGRATOR));
        assertThat(stored.policies.get(EDIT).scopeType()).isEqualTo("namespace");
    }

    @Test
    void listsAssociatedPoliciesAndFiltersEntriesByPolicy() {
        createMigratorEntry();
        eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR).policyArn(VIEW)
                .accessScope(s -> s.type(AccessScopeType.CLUSTER)));

        List<AssociatedAccessPolicy> policies = eks.listAssociatedAccessPolicies(r -> r.clusterName("shop")
                .principalArn(MIGRATOR)).associatedAccessPolicies();
        List<String> viewers = eks.listAccessEntries(r -> r.clusterName("shop").associatedPolicyArn(VIEW)).accessEntries();

        assertThat(policies).extracting(AssociatedAccessPolicy::policyArn).containsExactly(VIEW);
        assertThat(viewers).containsExactly(MIGRATOR);
    }

    @Test
    void refusesAnUnknownPolicyOrAScopeThatDoesNotFitItsType() {
        createMigratorEntry();

        EksException policy = eksError(() -> eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR)
                .policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSGodPolicy")
                .accessScope(s -> s.type(AccessScopeType.CLUSTER))));
        EksException scope = eksError(() -> eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR)
                .policyArn(EDIT).accessScope(s -> s.type(AccessScopeType.NAMESPACE))));

        assertThat(policy.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(policy.awsErrorDetails().errorMessage()).contains("AmazonEKSGodPolicy");
        assertThat(scope.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
        assertThat(scope.awsErrorDetails().errorMessage()).contains("namespaces");
    }

    @Test
    void refusesAnEntryItDoesNotHaveNamingTheCommandThatLists() {
        EksException e = eksError(() -> eks.describeAccessEntry(r -> r.clusterName("shop").principalArn(MIGRATOR)));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("principalArn").contains("list-access-entries");
    }

    @Test
    void disassociatesPoliciesAndDeletesEntries() {
        createMigratorEntry();
        eks.associateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR).policyArn(VIEW)
                .accessScope(s -> s.type(AccessScopeType.CLUSTER)));

        eks.disassociateAccessPolicy(r -> r.clusterName("shop").principalArn(MIGRATOR).policyArn(VIEW));
        List<AssociatedAccessPolicy> left = eks.listAssociatedAccessPolicies(r -> r.clusterName("shop")
                .principalArn(MIGRATOR)).associatedAccessPolicies();
        eks.deleteAccessEntry(r -> r.clusterName("shop").principalArn(MIGRATOR));

        assertThat(left).isEmpty();
        assertThat(eks.listAccessEntries(r -> r.clusterName("shop")).accessEntries()).doesNotContain(MIGRATOR);
    }

    @Test
    void refusesAccessEntriesOnAClusterThatAuthenticatesOnlyThroughTheConfigMap() {
        EksException e = eksError(() -> eks.createAccessEntry(r -> r.clusterName("legacy").principalArn(MIGRATOR)));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestException");
        assertThat(e.awsErrorDetails().errorMessage()).contains("authentication mode");
    }

    @Test
    void listsTheAccessPoliciesEksOffers() {
        List<String> arns = eks.listAccessPoliciesPaginator(r -> r.maxResults(2)).accessPolicies().stream()
                .map(p -> p.arn()).toList();

        assertThat(arns).contains(VIEW, EDIT, "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
                .hasSize(5);
    }
}
