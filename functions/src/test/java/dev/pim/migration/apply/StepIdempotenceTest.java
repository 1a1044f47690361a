package dev.pim.migration.apply;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.preflight.Preflight;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.pim.migration.fake.FakeCloud.approved;
import static dev.pim.migration.fake.FakeCloud.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each apply step on its own against the in-memory ports: the first call writes once and journals it first, the
 * second writes nothing; the refusals that leave IAM, EKS and Kubernetes untouched.
 */
class StepIdempotenceTest {
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");
    private final FakeCloud cloud = new FakeCloud();
    private String role;
    private String runId;

    @BeforeEach
    void oneServiceAccountOnIrsa() {
        cloud.iam.role("orders-reader", irsaTrust("shop/orders"));
        role = cloud.iam.arn("orders-reader");
        cloud.kubernetes.serviceAccount("shop", "orders", role).deployment("shop", "orders-api", "orders", 2);
        runId = cloud.journal.startRun(new ClusterRef(FakeCloud.ACCOUNT, FakeCloud.REGION, "payments"),
                Map.of()).runId();
    }

    private List<Binding> bindings() {
        return cloud.plan(approved(false, false, false)).migratable();
    }

    private <T extends JournalEntry> List<T> journaled(Class<T> type) {
        return cloud.journal.entries(runId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void trustIsWrittenOnceJournaledBeforeAndARoundTripOfItChangesNothing() {
        TrustSteps trust = new TrustSteps(cloud.context());
        String before = cloud.iam.trustPolicy("orders-reader");

        StepResult first = trust.addPodIdentity(runId, role, 2048);
        StepResult second = new TrustSteps(cloud.context()).addPodIdentity(runId, role, 2048);

        assertThat(first.result()).isEqualTo(StepResult.Result.DONE);
        assertThat(second.result()).isEqualTo(StepResult.Result.UNCHANGED);
        assertThat(cloud.log.writes()).containsExactly("iam UpdateAssumeRolePolicy orders-reader");
        assertThat(journaled(JournalEntry.TrustWritten.class)).singleElement().satisfies(w -> {
            assertThat(w.before()).isEqualTo(before);
            assertThat(w.after()).isEqualTo(cloud.iam.trustPolicy("orders-reader"));
            assertThat(w.purpose()).isEqualTo(TrustSteps.ADD_POD_IDENTITY);
        });
        assertThat(cloud.iam.trustPolicy("orders-reader")).contains("pods.eks.amazonaws.com")
                .contains("system:serviceaccount:shop:orders");
    }

    @Test
    void trustOverTheQuotaIsRefusedWithoutAWriteOrAJournalEntry() {
        StepResult refused = new TrustSteps(cloud.context()).addPodIdentity(runId, role, 300);

        assertThat(refused.result()).isEqualTo(StepResult.Result.FAILED);
        assertThat(refused.detail()).contains("over the account's quota of 300").contains("nothing was written");
        assertThat(cloud.log.writes()).isEmpty();
        assertThat(journaled(JournalEntry.TrustWritten.class)).isEmpty();
    }

    @Test
    void trustIamRefusesIsAFailureNamingIamsCode() {
        cloud.iam.refuseUpdatesOf("orders-reader", "UnmodifiableEntity");

        StepResult refused = new TrustSteps(cloud.context()).addPodIdentity(runId, role, 2048);

        assertThat(refused.result()).isEqualTo(StepResult.Result.FAILED);
        assertThat(refused.detail()).contains("UnmodifiableEntity");
        assertThat(cloud.iam.trustPolicy("orders-reader")).doesNotContain("pods.eks.amazonaws.com");
    }

    @Test
    void aTrustWriteOfUnknownOutcomeIsJournaledAndTheNextCallWritesIt() {
        cloud.iam.failNextUpdate(new IllegalStateException("connection reset"));
        TrustSteps trust = new TrustSteps(cloud.context());

        assertThatThrownBy(() -> trust.addPodIdentity(runId, role, 2048)).hasMessage("connection reset");
        // Write-ahead: the attempt is in the journal though IAM never saw it, so rollback would look for it.
        assertThat(journaled(JournalEntry.TrustWritten.class)).hasSize(1);
        assertThat(cloud.log.writes()).isEmpty();

        assertThat(trust.addPodIdentity(runId, role, 2048).result()).isEqualTo(StepResult.Result.DONE);
        assertThat(cloud.log.writes()).containsExactly("iam UpdateAssumeRolePolicy orders-reader");
    }

    @Test
    void anAssociationIsCreatedOnceTaggedWithTheRunAndJournaled() {
        List<Binding> bindings = bindings();
        new TrustSteps(cloud.context()).addPodIdentity(runId, role, 2048);
        int mark = cloud.log.size();

        List<StepResult> first = new AssociationSteps(cloud.context()).create(runId, bindings);
        List<StepResult> second = new AssociationSteps(cloud.context()).create(runId, bindings);

        assertThat(first).extracting(StepResult::result).containsExactly(StepResult.Result.DONE);
        assertThat(second).extracting(StepResult::result).containsExactly(StepResult.Result.UNCHANGED);
        assertThat(cloud.log.writesSince(mark)).containsExactly("eks CreatePodIdentityAssociation shop/orders");
        assertThat(journaled(JournalEntry.AssociationCreated.class)).singleElement()
                .satisfies(c -> assertThat(c.associationId()).isEqualTo(cloud.eks.association(ORDERS).orElseThrow().id()));
        assertThat(cloud.eks.association(ORDERS).orElseThrow().tags()).containsEntry(AssociationSteps.RUN_TAG, runId);
    }

    @Test
    void anAssociationBeforeTheTrustIsRefusedByEksAndNothingIsCreated() {
        List<StepResult> results = new AssociationSteps(cloud.context()).create(runId, bindings());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(StepResult.Result.FAILED);
            assertThat(r.detail()).contains("Trust policy of the role provided is invalid");
        });
        assertThat(cloud.eks.association(ORDERS)).isEmpty();
        assertThat(journaled(JournalEntry.AssociationCreated.class)).isEmpty();
    }

    @Test
    void theAgentIsInstalledOnceAndWaitedForUntilActive() {
        AgentSteps agent = new AgentSteps(cloud.context());

        StepResult first = agent.ensureStarted(runId, null, false);
        StepResult second = agent.ensureStarted(runId, null, false);
        StepResult active = agent.waitUntilActive(Duration.ofMinutes(5));

        assertThat(first.result()).isEqualTo(StepResult.Result.DONE);
        assertThat(first.detail()).isEqualTo("installing " + FakeCloud.AGENT_VERSION);
        assertThat(second.result()).isEqualTo(StepResult.Result.UNCHANGED);
        assertThat(active.result()).isEqualTo(StepResult.Result.DONE);
        assertThat(cloud.log.writes()).containsExactly("eks CreateAddon " + Preflight.AGENT_ADDON);
        assertThat(journaled(JournalEntry.AgentInstalled.class)).singleElement()
                .satisfies(i -> assertThat(i.version()).isEqualTo(FakeCloud.AGENT_VERSION));
    }

    @Test
    void anAgentStillCreatingAtTheTimeoutIsAFailureSayingSo() {
        AgentSteps agent = new AgentSteps(cloud.context());
        agent.ensureStarted(runId, "v1.3.4-eksbuild.1", false);

        StepResult waited = agent.waitUntilActive(Duration.ofSeconds(5));

        assertThat(waited.result()).isEqualTo(StepResult.Result.FAILED);
        assertThat(waited.detail()).contains("still CREATING after PT5S");
    }

    @Test
    void eksAutoModeNeedsNoAgent() {
        assertThat(new AgentSteps(cloud.context()).ensureStarted(runId, null, true).result())
                .isEqualTo(StepResult.Result.UNCHANGED);
        assertThat(cloud.log.writes()).isEmpty();
    }

    @Test
    void anAddonsAssociationsAreSetOnceWithTheAnnotationsTheyReplaceJournaled() {
        String ebs = cloud.iam.arn("ebs-csi");
        cloud.iam.role("ebs-csi", irsaTrust("kube-system/ebs-csi-controller-sa"));
        cloud.kubernetes.serviceAccount("kube-system", "ebs-csi-controller-sa", ebs);
        cloud.eks.addon("aws-ebs-csi-driver", "kube-system", ebs, "ebs-csi-controller-sa");
        MigrationPlan plan = cloud.plan(approved(false, false, false));
        assertThat(plan.addons()).as("the planner moves the add-on").hasSize(1);
        new TrustSteps(cloud.context()).addPodIdentity(runId, ebs, 2048);
        int mark = cloud.log.size();

        StepResult first = new AddonSteps(cloud.context()).migrate(runId, plan.addons().get(0), Duration.ofMinutes(5));
        StepResult second = new AddonSteps(cloud.context()).migrate(runId, plan.addons().get(0), Duration.ofMinutes(5));

        assertThat(first.result()).isEqualTo(StepResult.Result.DONE);
        assertThat(second.result()).isEqualTo(StepResult.Result.UNCHANGED);
        assertThat(cloud.log.writesSince(mark)).containsExactly("eks UpdateAddon aws-ebs-csi-driver [ebs-csi-controller-sa]");
        assertThat(journaled(JournalEntry.AddonAssociationsSet.class)).singleElement().satisfies(s -> {
            assertThat(s.before()).isEmpty();
            assertThat(s.after()).containsExactlyEntriesOf(Map.of("ebs-csi-controller-sa", ebs));
            assertThat(s.annotationsBefore()).containsExactlyEntriesOf(Map.of("ebs-csi-controller-sa", ebs));
        });
    }

    @Test
    void workloadsAreRestartedOnceAndAnnotationsRemovedOnce() {
        List<Binding> bindings = bindings();
        new TrustSteps(cloud.context()).addPodIdentity(runId, role, 2048);
        new AssociationSteps(cloud.context()).create(runId, bindings);
        WorkloadSteps workloads = new WorkloadSteps(cloud.context());
        int mark = cloud.log.size();

        var toRestart = workloads.workloadsToRestart(bindings);
        List<StepResult> restarted = workloads.restart(runId, toRestart, 1, Duration.ofMinutes(5));
        List<StepResult> again = workloads.restart(runId, workloads.workloadsToRestart(bindings), 1, Duration.ofMinutes(5));
        List<StepResult> removed = workloads.removeAnnotations(runId, bindings, List.of());
        List<StepResult> removedAgain = workloads.removeAnnotations(runId, bindings, List.of());

        assertThat(restarted).extracting(StepResult::result).containsExactly(StepResult.Result.DONE);
        assertThat(again).extracting(StepResult::result).containsExactly(StepResult.Result.UNCHANGED);
        assertThat(removed).extracting(StepResult::result).containsExactly(StepResult.Result.DONE);
        assertThat(removedAgain).extracting(StepResult::result).containsExactly(StepResult.Result.UNCHANGED);
        assertThat(cloud.log.writesSince(mark)).containsExactly("k8s Restart Deployment shop/orders-api",
                "k8s RemoveAnnotation shop/orders");
        assertThat(journaled(JournalEntry.AnnotationRemoved.class)).singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo(role));
    }

    @Test
    void theAnnotationStaysWhenThePlanRefusedItsRoleThoughTheAssociationExists() {
        List<Binding> bindings = bindings();
        new AssociationSteps(cloud.context()).create(runId, bindings);
        RolePlan refused = new RolePlan(role, "orders-reader", null, null, false, 0, 2048, null, List.of(),
                "refused for the test", List.of(ORDERS), List.of());

        List<StepResult> results = new WorkloadSteps(cloud.context()).removeAnnotations(runId, bindings, List.of(refused));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(StepResult.Result.SKIPPED);
            assertThat(r.detail()).isEqualTo("kept: the plan refused role orders-reader, so Pod Identity cannot use it yet");
        });
        assertThat(cloud.kubernetes.annotation(ORDERS)).contains(role);
    }

    @Test
    void theAnnotationStaysWhileTheServiceAccountHasNoAssociation() {
        List<StepResult> results = new WorkloadSteps(cloud.context()).removeAnnotations(runId, bindings(), List.of());

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result()).isEqualTo(StepResult.Result.SKIPPED);
            assertThat(r.detail()).contains("no association with its role yet");
        });
        assertThat(cloud.kubernetes.annotation(ORDERS)).contains(role);
    }
}
