package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.pim.migration.fake.FakeCloud.approved;
import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

/** Rollback from the journal against the in-memory ports: the forward order reversed, and only what the runs did. */
class RollbackTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private static final ClusterRef CLUSTER = new ClusterRef(FakeCloud.ACCOUNT, FakeCloud.REGION, "payments");
    private final FakeCloud cloud = new FakeCloud();
    private String original;
    private String role;

    @BeforeEach
    void aClusterMigratedAllTheWay() {
        original = irsaTrust("shop/orders");
        cloud.iam.role("orders-reader", original);
        role = cloud.iam.arn("orders-reader");
        cloud.kubernetes.serviceAccount("shop", "orders", role).deployment("shop", "orders-api", "orders", 2);
        MigrationReport report = new Migration(cloud.context()).apply(cloud.plan(approved(true, true, true)));
        assertThat(report.status()).isEqualTo(MigrationReport.Status.SUCCEEDED);
        assertThat(cloud.kubernetes.annotation(ORDERS)).isEmpty();
    }

    private List<StepResult> rollback(boolean keepAgent) {
        return new Rollback(cloud.context()).rollback(CLUSTER, null, keepAgent, Duration.ofMinutes(5));
    }

    @Test
    void bringsIrsaBackBeforeDeletingTheAssociationAndRestoresTheOriginalTrustLast() {
        int mark = cloud.log.size();

        List<StepResult> results = rollback(false);

        assertThat(results).noneMatch(StepResult::failed);
        List<String> writes = cloud.log.writesSince(mark);
        int annotation = writes.indexOf("k8s SetAnnotation shop/orders");
        int association = writes.indexOf("eks DeletePodIdentityAssociation shop/orders");
        int restart = writes.indexOf("k8s Restart Deployment shop/orders-api");
        int trust = writes.lastIndexOf("iam UpdateAssumeRolePolicy orders-reader");
        assertThat(List.of(annotation, association, restart, trust)).doesNotContain(-1);
        assertThat(annotation).isLessThan(association);
        assertThat(association).isLessThan(restart);
        assertThat(restart).isLessThan(trust);
        assertThat(writes).endsWith("eks DeleteAddon " + Preflight.AGENT_ADDON);

        assertThat(cloud.iam.trustPolicy("orders-reader")).isEqualTo(original);
        assertThat(cloud.kubernetes.annotation(ORDERS)).contains(role);
        assertThat(cloud.eks.association(ORDERS)).isEmpty();
        assertThat(cloud.eks.addon(Preflight.AGENT_ADDON)).isEmpty();
        assertThat(cloud.kubernetes.pods()).allMatch(p -> p.hasIrsaEnvironment() && !p.hasPodIdentityEnvironment());
        assertThat(cloud.journal.runs(CLUSTER)).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("rolled-back"));
    }

    @Test
    void aSecondRollbackFindsNothingToUndoAndWritesNothing() {
        rollback(false);
        int mark = cloud.log.size();

        assertThat(rollback(false)).isEmpty();
        assertThat(cloud.log.writesSince(mark)).isEmpty();
    }

    @Test
    void keepAgentLeavesTheAgentInstalled() {
        rollback(true);

        assertThat(cloud.eks.addon(Preflight.AGENT_ADDON)).isPresent();
        assertThat(cloud.log.writes()).doesNotContain("eks DeleteAddon " + Preflight.AGENT_ADDON);
    }

    @Test
    void aTrustPolicyChangedAfterTheRunIsLeftAloneAndReportedAsAConflict() {
        String someoneElses = cloud.iam.trustPolicy("orders-reader").replace("sts:TagSession\"", "sts:TagSession\",\"sts:SetContext\"");
        cloud.iam.updateTrustPolicy("orders-reader", someoneElses);

        List<StepResult> results = rollback(false);

        assertThat(cloud.iam.trustPolicy("orders-reader")).isEqualTo(someoneElses);
        assertThat(results).filteredOn(r -> r.step().equals("trust") && r.failed()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.detail()).startsWith("conflict: "));
        assertThat(cloud.journal.runs(CLUSTER)).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("rollback-incomplete"));
    }

    @Test
    void anAssociationTheRunsDidNotCreateIsKept() {
        cloud.iam.role("ledger-writer", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}");
        ServiceAccountRef ledger = new ServiceAccountRef("shop", "ledger");
        cloud.kubernetes.serviceAccount("shop", "ledger", null);
        var theirs = cloud.eks.association(ledger, cloud.iam.arn("ledger-writer"));

        rollback(false);

        assertThat(cloud.eks.association(ledger)).contains(theirs);
        assertThat(cloud.eks.association(ORDERS)).isEmpty();
        assertThat(cloud.eks.addon(Preflight.AGENT_ADDON)).as("another association still needs the agent").isPresent();
    }
}
