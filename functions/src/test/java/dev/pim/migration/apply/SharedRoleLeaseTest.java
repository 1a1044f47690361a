package dev.pim.migration.apply;

import dev.pim.ledger.InProcessRoleLeases;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.fake.FakeIam;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.IamPort;
import dev.pim.migration.port.RoleLeases;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two runs editing one role's trust at once (IAM has no conditional write): under the role's lease each edit starts
 * from the other's result, so neither is lost.
 */
class SharedRoleLeaseTest {

    /** IAM whose first two GetRole calls wait (briefly) for each other: without a lease both edits would read the same policy. */
    private static final class OverlappingReads implements IamPort {
        private final FakeIam iam;
        private final CountDownLatch bothReading = new CountDownLatch(2);

        OverlappingReads(FakeIam iam) {
            this.iam = iam;
        }

        @Override
        public Optional<RoleInfo> role(String roleName) {
            bothReading.countDown();
            try {
                bothReading.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return iam.role(roleName);
        }

        @Override
        public List<RoleInfo> listRoles() {
            return iam.listRoles();
        }

        @Override
        public void updateTrustPolicy(String roleName, String policyJson) {
            iam.updateTrustPolicy(roleName, policyJson);
        }

        @Override
        public int trustPolicyQuota() {
            return iam.trustPolicyQuota();
        }

        @Override
        public Optional<List<String>> oidcProviderClientIds(String providerArn) {
            return iam.oidcProviderClientIds(providerArn);
        }
    }

    @Test
    void anAddAndAStripOfTheSameRoleAtOnceBothLand() throws Exception {
        FakeCloud cloud = new FakeCloud();
        cloud.iam.role("shared", irsaTrust("shop/orders", "shop/ledger"));
        String role = cloud.iam.arn("shared");
        String runId = cloud.journal.startRun(new ClusterRef(FakeCloud.ACCOUNT, FakeCloud.REGION, "payments"),
                Map.of()).runId();
        IamPort iam = new OverlappingReads(cloud.iam);
        RoleLeases leases = new InProcessRoleLeases();
        StepContext base = cloud.context();
        StepContext ctx = new StepContext(base.eks(), iam, base.kubernetes(), base.journal(), leases, base.clock(),
                base.sleeper(), base.poll(), base.progress());

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<StepResult> add = pool.submit(() -> new TrustSteps(ctx).addPodIdentity(runId, role, 2048));
            Future<StepResult> strip = pool.submit(() -> new TrustSteps(ctx).stripOidc(runId, role, FakeCloud.PROVIDER_ARN,
                    List.of("system:serviceaccount:shop:ledger"), 2048));
            assertThat(add.get(10, TimeUnit.SECONDS).result()).isEqualTo(StepResult.Result.DONE);
            assertThat(strip.get(10, TimeUnit.SECONDS).result()).isEqualTo(StepResult.Result.DONE);
        } finally {
            pool.shutdownNow();
        }

        assertThat(cloud.iam.trustPolicy("shared")).contains("pods.eks.amazonaws.com")
                .contains("system:serviceaccount:shop:orders").doesNotContain("system:serviceaccount:shop:ledger");
        assertThat(cloud.log.writes()).hasSize(2);
    }
}
