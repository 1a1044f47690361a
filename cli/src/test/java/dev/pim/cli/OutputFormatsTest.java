package dev.pim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.fleet.FleetLedger;
import dev.pim.fleet.FleetStatus;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.WorkloadRef;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.RunInterruptedException;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.inventory.WorkloadInfo;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.Planner;
import dev.pim.migration.preflight.Preflight;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the cluster and fleet commands print, table and JSON (the only formats they offer), from plans the planner
 * makes and reports as runs end: the fields the JSON documents promise, the lines the tables promise, the exit codes.
 */
class OutputFormatsTest {
    private static final String ACCOUNT = "111122223333";
    private static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/5C5E7B1E0D3A4F2B";
    private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/orders-reader";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Federated\":\"arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER + "\"},\"Action\":"
            + "\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + ISSUER
            + ":sub\":\"system:serviceaccount:shop:orders\",\"" + ISSUER + ":aud\":\"sts.amazonaws.com\"}}}]}";
    private static final ServiceAccountRef ORDERS = new ServiceAccountRef("shop", "orders");

    /** One service account on IRSA with its own role, planned as {@code pim plan} plans it. */
    private static MigrationPlan plan(String kubernetesVersion) {
        ClusterInfo cluster = new ClusterInfo(new ClusterRef(ACCOUNT, "us-west-2", "payments"),
                "arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/payments", kubernetesVersion, "eks.12", "ACTIVE",
                "https://" + ISSUER, "API", false, "https://payments.k8s.local", null);
        ClusterInventory inventory = new ClusterInventory(cluster,
                List.of(new ServiceAccountInfo(ORDERS, Map.of(ServiceAccountInfo.ROLE_ARN_ANNOTATION, ROLE), "1")),
                List.of(new WorkloadInfo(new WorkloadRef("Deployment", "shop", "orders-api"), "orders", 2, Map.of(),
                        Map.of("app", "orders-api"), null)),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                Map.of(ROLE, new RoleInfo(ROLE, "orders-reader", "/", TRUST, Map.of())), Set.of(), 2048, true,
                Set.of("sts.amazonaws.com"));
        return Planner.plan(inventory, Preflight.evaluate(cluster, Optional.empty(), true), MigrationOptions.planOnly(),
                null, "v1.3.4-eksbuild.1");
    }

    private static String printed(Consumer<PrintWriter> print) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        print.accept(out);
        out.flush();
        return text.toString();
    }

    @Test
    void planJsonNamesTheClusterEachBindingWithItsClassAndEachRoleWithItsTrustBeforeAndAfter() throws Exception {
        MigrationPlan plan = plan("1.31");
        StringWriter text = new StringWriter();
        int code = new PlanOutputOptions().print(plan, true, new PrintWriter(text));

        assertThat(code).isEqualTo(ExitCodes.OK);
        JsonNode json = Views.JSON.readTree(text.toString());
        assertThat(json.at("/cluster/name").asText()).isEqualTo("payments");
        assertThat(json.at("/cluster/account").asText()).isEqualTo(ACCOUNT);
        assertThat(json.at("/preflight/passed").asBoolean()).isTrue();
        assertThat(json.at("/preflight/agent").asText()).isEqualTo("ABSENT");
        assertThat(json.at("/installAgentVersion").asText()).isEqualTo("v1.3.4-eksbuild.1");
        assertThat(json.at("/bindings/0/serviceAccount").asText()).isEqualTo("shop/orders");
        assertThat(json.at("/bindings/0/role").asText()).isEqualTo(ROLE);
        assertThat(json.at("/bindings/0/class").asText()).isEqualTo(plan.bindings().get(0).bindingClass().label());
        assertThat(json.at("/bindings/0/workloads/0").asText()).isEqualTo("Deployment shop/orders-api");
        assertThat(json.at("/bindings/0/actions")).isNotEmpty();
        assertThat(json.at("/roles/0/trustBefore").asText()).isEqualTo(TRUST);
        assertThat(json.at("/roles/0/trustAfter").asText()).contains("pods.eks.amazonaws.com").contains(ISSUER);
        assertThat(json.at("/roles/0/trustChanges").asBoolean()).isTrue();
        assertThat(json.at("/roles/0/associations/0").asText()).isEqualTo("shop/orders");
        assertThat(json.at("/summary/" + plan.bindings().get(0).bindingClass().label()).asInt()).isEqualTo(1);
    }

    @Test
    void planTableShowsPreflightBindingsAndSummaryAndTrustOnlyWhenAsked() throws Exception {
        MigrationPlan plan = plan("1.31");
        String table = printed(out -> Tables.plan(out, plan, false));
        assertThat(table).startsWith("Cluster payments (account " + ACCOUNT + ", us-west-2): Kubernetes 1.31 eks.12, ACTIVE");
        assertThat(table).contains("Preflight", "the eks-pod-identity-agent add-on v1.3.4-eksbuild.1 will be installed first",
                "SERVICE ACCOUNT", "shop/orders", "orders-reader: add the Pod Identity statement",
                "Summary: 1 binding(s): 1 " + plan.bindings().get(0).bindingClass().label());
        assertThat(table).doesNotContain("before: ");

        String withTrust = printed(out -> Tables.plan(out, plan, true));
        assertThat(withTrust).contains("    before: " + TRUST).contains("    after:  ");
    }

    @Test
    void aPlanWhosePreflightFailsExitsOneAndSaysWhy() throws Exception {
        MigrationPlan plan = plan("1.24");
        StringWriter text = new StringWriter();
        assertThat(new PlanOutputOptions().print(plan, false, new PrintWriter(text))).isEqualTo(ExitCodes.FAILED);
        assertThat(text.toString()).contains("FAIL").contains("does not support Pod Identity");
        assertThat(new PlanOutputOptions().print(plan, true, new PrintWriter(new StringWriter()))).isEqualTo(ExitCodes.FAILED);
    }

    private static MigrationReport report(MigrationReport.Status status, StepResult... results) {
        return new MigrationReport("20261122T100000Z-k3f9", plan("1.31"), List.of(results), null, status, Duration.ofSeconds(42));
    }

    @Test
    void aPartialRunExitsThreeAndItsReportListsTheFailuresAndHowToUndoIt() throws Exception {
        MigrationReport report = report(MigrationReport.Status.PARTIAL,
                StepResult.done("trust", ROLE, "added"),
                StepResult.failed("association", "shop/orders", "EKS still refuses role " + ROLE));
        assertThat(MigrateCommand.exitCode(report)).isEqualTo(ExitCodes.PARTIAL);

        String table = printed(out -> Tables.report(out, report, Map.of("iam:UpdateAssumeRolePolicy", 1L), "/tmp/j (run x)"));
        assertThat(table).contains("Run 20261122T100000Z-k3f9 on payments: PARTIAL in 42.0 s",
                "  association: 1 failed", "  trust: 1 done", "Failures", "  association shop/orders: EKS still refuses role",
                "Calls: 1 AWS API calls (iam:UpdateAssumeRolePolicy 1)", "Journal: /tmp/j (run x)",
                "undo it with: ./pim rollback --cluster payments --run 20261122T100000Z-k3f9");

        JsonNode json = Views.JSON.readTree(Views.JSON.writeValueAsString(Views.report(report, Map.of())));
        assertThat(json.at("/runId").asText()).isEqualTo("20261122T100000Z-k3f9");
        assertThat(json.at("/status").asText()).isEqualTo("PARTIAL");
        assertThat(json.at("/elapsedSeconds").asDouble()).isEqualTo(42.0);
        assertThat(json.at("/results/1/step").asText()).isEqualTo("association");
        assertThat(json.at("/results/1/result").asText()).isEqualTo("FAILED");
        assertThat(json.at("/plan/cluster/name").asText()).isEqualTo("payments");
        assertThat(json.has("verification")).isFalse();
    }

    @Test
    void exitCodesOfFinishedRuns() {
        assertThat(MigrateCommand.exitCode(report(MigrationReport.Status.SUCCEEDED, StepResult.done("trust", ROLE, ""))))
                .isEqualTo(ExitCodes.OK);
        assertThat(MigrateCommand.exitCode(report(MigrationReport.Status.PLANNED))).isEqualTo(ExitCodes.OK);
        assertThat(MigrateCommand.exitCode(report(MigrationReport.Status.FAILED,
                StepResult.failed("preflight", "version", "too old")))).isEqualTo(ExitCodes.FAILED);
        assertThat(MigrateCommand.exitCode(report(MigrationReport.Status.FAILED,
                StepResult.done("agent-install", "eks-pod-identity-agent", "installing"),
                StepResult.failed("agent", "eks-pod-identity-agent", "CREATE_FAILED")))).isEqualTo(ExitCodes.FAILED_AFTER_CHANGES);
    }

    @Test
    void aSucceededRunOffersNoRollback() {
        MigrationReport report = report(MigrationReport.Status.SUCCEEDED, StepResult.done("trust", ROLE, "added"));
        assertThat(printed(out -> Tables.report(out, report, Map.of(), null))).doesNotContain("rollback").doesNotContain("Journal:");
    }

    @Test
    void anInterruptedRunExitsFourWithTheRollbackCommandOnlyIfItMayHaveChangedTheCluster() {
        ClusterRef cluster = new ClusterRef(ACCOUNT, "us-west-2", "payments");
        StringWriter err = new StringWriter();
        int changed = MigrateCommand.interrupted(new RunInterruptedException("20261122T100000Z-k3f9", cluster,
                Optional.of(true), new IllegalStateException("connection reset")), "pim migrate", new PrintWriter(err));
        assertThat(changed).isEqualTo(ExitCodes.FAILED_AFTER_CHANGES);
        assertThat(err.toString()).contains("pim migrate: run 20261122T100000Z-k3f9 on payments stopped: connection reset",
                "./pim rollback --cluster payments --run 20261122T100000Z-k3f9");

        StringWriter quiet = new StringWriter();
        int unchanged = MigrateCommand.interrupted(new RunInterruptedException("20261122T100000Z-k3f9", cluster,
                Optional.of(false), new IllegalStateException("connection reset")), "pim migrate", new PrintWriter(quiet));
        assertThat(unchanged).isEqualTo(ExitCodes.FAILED);
        assertThat(quiet.toString()).contains("It changed nothing").doesNotContain("rollback");
    }

    @Test
    void verificationListsProblemsAndLeftoversPerBindingInTableAndJson() throws Exception {
        VerificationReport report = new VerificationReport(List.of(
                new BindingVerification(ORDERS, ROLE, List.of(), List.of("1 pod(s) still run with IRSA"), false),
                new BindingVerification(new ServiceAccountRef("shop", "ledger"), ROLE, List.of(), List.of(), true)));
        String table = printed(out -> Tables.verification(out, report));
        assertThat(table).contains("Verification: 1 of 2 binding(s) verified", "  shop/orders (" + ROLE + ")",
                "    leftover: 1 pod(s) still run with IRSA").doesNotContain("shop/ledger").doesNotContain("(clean)");

        JsonNode json = Views.JSON.readTree(Views.JSON.writeValueAsString(Views.verification(report)));
        assertThat(json.at("/clean").asBoolean()).isFalse();
        assertThat(json.at("/bindings/0/verified").asBoolean()).isFalse();
        assertThat(json.at("/bindings/0/leftovers/0").asText()).isEqualTo("1 pod(s) still run with IRSA");
        assertThat(json.at("/bindings/1/verified").asBoolean()).isTrue();

        assertThat(printed(out -> Tables.verification(out, new VerificationReport(List.of()))))
                .startsWith("Verification: nothing on Pod Identity to verify");
    }

    @Test
    void rollbackResultsAreOneLineEachAndASummary() {
        String table = printed(out -> Tables.results(out, List.of(
                StepResult.done("association", "shop/orders", "deleted a-1"),
                StepResult.done("trust", ROLE, "restored"),
                StepResult.unchanged("trust", "arn:aws:iam::" + ACCOUNT + ":role/other", "already as saved"))));
        assertThat(table).contains("  done      association  shop/orders  deleted a-1",
                "Summary: association: 1 done; trust: 1 done, 1 unchanged");
    }

    @Test
    void fleetStatusCountsClustersByStatusAndNamesUnreachableAccounts() throws Exception {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        List<FleetLedger.ClusterState> clusters = new ArrayList<>(List.of(
                new FleetLedger.ClusterState(ACCOUNT, "us-west-2", "payments", "succeeded", null, "run-1", "e1", 17, at),
                new FleetLedger.ClusterState(ACCOUNT, "eu-west-1", "orders", "running", null, null, "e2", null, at),
                new FleetLedger.ClusterState("222233334444", "us-west-2", "legacy", "ineligible", "Kubernetes 1.24", null, null, null, at)));
        List<FleetLedger.AccountState> accounts = List.of(new FleetLedger.AccountState("333344445555", "unreachable",
                "AccessDenied on sts:AssumeRole", at));
        FleetStatus status = FleetStatus.of(new FleetLedger() {
            @Override
            public void record(ClusterState state) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public void record(AccountState state) {
                throw new UnsupportedOperationException("read only");
            }

            @Override
            public List<ClusterState> clusters() {
                return clusters;
            }

            @Override
            public List<AccountState> accounts() {
                return accounts;
            }
        });

        String table = printed(out -> Tables.fleet(out, status));
        assertThat(table).contains("Fleet: 3 cluster(s) in 2 account(s): 1 done, 1 in progress, 0 failed; 17 binding(s) migrated",
                "ineligible 1, running 1, succeeded 1", "Kubernetes 1.24", "run run-1",
                "Account 333344445555 unreachable: AccessDenied on sts:AssumeRole");

        JsonNode json = Views.JSON.valueToTree(status);
        assertThat(json.at("/bindingsMigrated").asLong()).isEqualTo(17);
        assertThat(json.at("/clustersByStatus/running").asLong()).isEqualTo(1);
        // Sorted by account, region and cluster.
        assertThat(json.at("/clusters").findValuesAsText("cluster")).containsExactly("orders", "payments", "legacy");
        assertThat(json.at("/accounts/0/status").asText()).isEqualTo("unreachable");
    }
}
