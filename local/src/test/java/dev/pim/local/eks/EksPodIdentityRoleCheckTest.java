package dev.pim.local.eks;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.RoleState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.EksException;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;

import java.time.Duration;
import java.util.List;

import static dev.pim.local.eks.EksPodIdentityAssociationTest.FOREIGN_ROLE;
import static dev.pim.local.eks.EksPodIdentityAssociationTest.IRSA_ONLY_ROLE;
import static dev.pim.local.eks.EksPodIdentityAssociationTest.ORDERS_ROLE;
import static dev.pim.local.eks.EksPodIdentityAssociationTest.PAYMENTS_ROLE;
import static dev.pim.local.eks.EksPodIdentityAssociationTest.POD_IDENTITY_TRUST;
import static dev.pim.local.eks.EksPodIdentityAssociationTest.SHOP;
import static dev.pim.local.eks.EksTestSupport.eks;
import static dev.pim.local.eks.EksTestSupport.eksError;
import static org.assertj.core.api.Assertions.assertThat;

/** The role checks of Create/UpdatePodIdentityAssociation, and how IAM's eventual consistency shows in them. */
class EksPodIdentityRoleCheckTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

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
    void refusesARoleThatDoesNotExistOrLivesInAnotherAccount() {
        EksException missing = eksError(() -> create("orders", "orders-api", "arn:aws:iam::111122223333:role/ghost"));
        EksException foreign = eksError(() -> create("orders", "orders-api", FOREIGN_ROLE));

        for (EksException e : List.of(missing, foreign)) {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role provided in the request does not exist");
        }
    }

    @Test
    void refusesARoleThatDoesNotTrustPodIdentityForBothActions() {
        EksException irsaOnly = eksError(() -> create("orders", "orders-api", IRSA_ONLY_ROLE));
        EksException noTagSession = eksError(() -> create("orders", "orders-api",
                "arn:aws:iam::111122223333:role/no-tag-session"));

        for (EksException e : List.of(irsaOnly, noTagSession)) {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Trust policy of the role provided is invalid");
        }
    }

    @Test
    void acceptsARoleWithAPath() {
        assertThat(create("payments", "payments-api", PAYMENTS_ROLE).roleArn()).isEqualTo(PAYMENTS_ROLE);
    }

    @Test
    void seesANewTrustPolicyOnlyOnceIamHasPropagatedIt() {
        cloud.cloud().write(state -> {
            state.behaviour.iamPropagationDelay = Duration.ofSeconds(30);
            RoleState role = state.account("111122223333").role("irsa-only").orElseThrow();
            role.previousTrustPolicy = role.trustPolicy;
            role.trustPolicy = POD_IDENTITY_TRUST;
            role.trustPolicyChangedAt = state.now();
        });

        EksException early = eksError(() -> create("orders", "orders-api", IRSA_ONLY_ROLE));
        cloud.cloud().clock().advance(Duration.ofSeconds(31));

        assertThat(early.awsErrorDetails().errorMessage()).isEqualTo("Trust policy of the role provided is invalid");
        assertThat(create("orders", "orders-api", IRSA_ONLY_ROLE).roleArn()).isEqualTo(IRSA_ONLY_ROLE);
    }

    @Test
    void seesANewRoleOnlyOnceIamHasPropagatedIt() {
        cloud.cloud().write(state -> {
            state.behaviour.iamPropagationDelay = Duration.ofSeconds(30);
            RoleState fresh = new RoleState("111122223333", "fresh", "/", "AROAFRESH", state.now());
            fresh.trustPolicy = POD_IDENTITY_TRUST;
            state.account("111122223333").putRole(fresh);
        });
        String fresh = "arn:aws:iam::111122223333:role/fresh";

        EksException early = eksError(() -> create("orders", "orders-api", fresh));
        cloud.cloud().clock().advance(Duration.ofSeconds(31));

        assertThat(early.awsErrorDetails().errorMessage()).isEqualTo("Role provided in the request does not exist");
        assertThat(create("orders", "orders-api", fresh).roleArn()).isEqualTo(fresh);
    }

    @Test
    void updatesTheRoleAfterCheckingItLikeCreateDoes() {
        String id = create("orders", "orders-api", ORDERS_ROLE).associationId();
        cloud.cloud().clock().advance(Duration.ofSeconds(5));

        EksException untrusted = eksError(() -> eks.updatePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(id).roleArn(IRSA_ONLY_ROLE)));
        PodIdentityAssociation updated = eks.updatePodIdentityAssociation(r -> r.clusterName("shop")
                .associationId(id).roleArn(PAYMENTS_ROLE).disableSessionTags(true)).association();

        assertThat(untrusted.awsErrorDetails().errorMessage()).isEqualTo("Trust policy of the role provided is invalid");
        assertThat(updated.roleArn()).isEqualTo(PAYMENTS_ROLE);
        assertThat(updated.disableSessionTags()).isTrue();
        assertThat(updated.modifiedAt()).isAfter(updated.createdAt());
    }
}
