package dev.pim.cli;

import dev.pim.fleet.FleetStatus;
import dev.pim.migration.RoleArn;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.Actions;
import dev.pim.migration.plan.AddonPlan;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.plan.WebhookFinding;
import dev.pim.migration.preflight.PreflightCheck;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The human-readable output of the cluster commands. */
final class Tables {

    private Tables() {
    }

    static void plan(PrintWriter out, MigrationPlan plan) {
        plan(out, plan, false);
    }

    /** @param showTrust print every role's trust policy before and after (always in {@code --output json}) */
    static void plan(PrintWriter out, MigrationPlan plan, boolean showTrust) {
        var c = plan.cluster();
        out.printf("Cluster %s (account %s, %s): Kubernetes %s %s, %s%n", c.ref().name(), c.ref().accountId(),
                c.ref().region(), c.version(), c.platformVersion(), c.status());
        out.println();
        out.println("Preflight");
        for (PreflightCheck check : plan.preflight().checks()) {
            out.printf("  %-4s  %-32s %s%n", check.status(), check.name(), check.detail());
        }
        if (plan.installAgentVersion() != null) {
            out.println("  the eks-pod-identity-agent add-on " + plan.installAgentVersion() + " will be installed first");
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"SERVICE ACCOUNT", "ROLE", "CLASS", "REASON"});
        for (Binding b : plan.bindings()) {
            rows.add(new String[]{b.serviceAccount().toString(), shortRole(b.roleArn(), c.ref().accountId()),
                    b.bindingClass().label(), b.reason()});
        }
        table(out, rows);
        warnings(out, plan);
        webhookSettings(out, plan);
        roles(out, plan, showTrust);
        addons(out, plan);
        actions(out, plan);
        out.println();
        out.println("Summary: " + plan.bindings().size() + " binding(s): " + plan.countsByClass().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")));
        out.flush();
    }

    private static void warnings(PrintWriter out, MigrationPlan plan) {
        List<String> warnings = plan.allWarnings();
        if (!warnings.isEmpty()) {
            out.println();
            out.println("Warnings");
            // A template change spans lines: they stay under their warning.
            warnings.forEach(w -> out.println("  ! " + w.replace("\n", "\n    ")));
        }
    }

    /** Every IRSA webhook setting of the migrated bindings with its consequence (the warnings among them, again). */
    private static void webhookSettings(PrintWriter out, MigrationPlan plan) {
        if (plan.webhookFindings().isEmpty()) {
            return;
        }
        out.println();
        out.println("IRSA webhook settings");
        for (WebhookFinding f : plan.webhookFindings()) {
            out.println("  " + f.subject() + "  " + f.setting() + (f.value() == null ? "" : "=" + f.value()) + "  ["
                    + Views.level(plan, f) + "]");
            out.println("    " + f.detail());
        }
        if (!plan.unacceptedSkippedContainers().isEmpty()) {
            out.println("  an approved run is refused until --accept-skipped-containers accepts the containers above");
        }
    }

    private static void roles(PrintWriter out, MigrationPlan plan, boolean showTrust) {
        if (plan.roles().isEmpty()) {
            return;
        }
        out.println();
        out.println(showTrust ? "Roles (trust policy before -> after)" : "Roles (--show-trust prints each trust policy before and after)");
        for (RolePlan r : plan.roles()) {
            String change = r.refused() ? "REFUSED: " + r.refusal()
                    : r.trustChanges() ? "add the Pod Identity statement (account quota " + r.quota() + " characters; trust scope "
                    + r.podIdentityScope().level().label() + ")"
                    : "already trusts Pod Identity";
            out.println("  " + r.roleName() + ": " + change);
            r.notes().forEach(n -> out.println("    - " + n));
            if (showTrust) {
                if (r.trustBefore() != null) {
                    out.println("    before: " + r.trustBefore().replaceAll("\\s*\\n\\s*", " "));
                }
                if (r.trustAfter() != null && r.trustChanges()) {
                    out.println("    after:  " + r.trustAfter());
                }
                if (r.trustAfterCleanup() != null) {
                    out.println("    after OIDC cleanup: " + r.trustAfterCleanup());
                }
            }
        }
    }

    private static void addons(PrintWriter out, MigrationPlan plan) {
        if (plan.addons().isEmpty()) {
            return;
        }
        out.println();
        out.println("Add-ons (UpdateAddon podIdentityAssociations)");
        for (AddonPlan a : plan.addons()) {
            out.println("  " + a.addon() + " " + a.version() + ": " + a.associationsAfter());
        }
    }

    private static void actions(PrintWriter out, MigrationPlan plan) {
        List<Binding> acting = plan.bindings().stream().filter(b -> !Actions.of(plan, b).isEmpty()).toList();
        if (acting.isEmpty()) {
            return;
        }
        out.println();
        out.println("Actions");
        for (Binding b : acting) {
            out.println("  " + b.serviceAccount() + ":");
            Actions.of(plan, b).forEach(a -> out.println("    - " + a));
        }
    }

    static void report(PrintWriter out, MigrationReport report, Map<String, Long> calls, String journal) {
        out.println();
        if (report.runId() == null) {
            out.printf("No run on %s: %s, nothing changed%n", report.plan().cluster().ref().name(), report.status());
        } else {
            out.printf("Run %s on %s: %s in %.1f s%n", report.runId(), report.plan().cluster().ref().name(),
                    report.status(), report.elapsed().toMillis() / 1000.0);
        }
        Map<String, Map<StepResult.Result, Long>> byStep = new TreeMap<>();
        report.results().forEach(r -> byStep.computeIfAbsent(r.step(), k -> new TreeMap<>()).merge(r.result(), 1L, Long::sum));
        byStep.forEach((step, counts) -> out.println("  " + step + ": " + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).collect(Collectors.joining(", "))));
        out.println("  bindings: " + report.plan().countsByClass().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", ")));
        if (!report.failures().isEmpty()) {
            out.println("Failures");
            report.failures().forEach(f -> out.println("  " + f.step() + " " + f.subject() + ": " + f.detail()));
        }
        if (report.verification() != null) {
            verification(out, report.verification());
        }
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        out.println("Calls: " + total + " AWS API calls (" + calls.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + ")");
        if (journal != null) {
            out.println("Journal: " + journal);
        }
        if (report.status() != MigrationReport.Status.SUCCEEDED && report.changedAnything()) {
            out.println("The run changed the cluster before it failed: re-run the same command to finish it (every step is "
                    + "idempotent), or undo it with: " + rollbackCommand(report.plan().cluster().ref().name(), report.runId()));
        }
        out.flush();
    }

    /** The command that undoes one run. */
    static String rollbackCommand(String cluster, String runId) {
        return "./pim rollback --cluster " + cluster + " --run " + runId;
    }

    static void verification(PrintWriter out, VerificationReport report) {
        if (report.bindings().isEmpty()) {
            out.println("Verification: nothing on Pod Identity to verify (no binding is migrated or migratable)");
            out.flush();
            return;
        }
        long verified = report.bindings().stream().filter(BindingVerification::verified).count();
        out.println("Verification: " + verified + " of " + report.bindings().size() + " binding(s) verified"
                + (report.clean() ? " (clean)" : ""));
        for (BindingVerification b : report.bindings()) {
            if (!b.problems().isEmpty() || !b.leftovers().isEmpty()) {
                out.println("  " + b.serviceAccount() + " (" + b.roleArn() + ")");
                b.problems().forEach(p -> out.println("    problem: " + p));
                b.leftovers().forEach(l -> out.println("    leftover: " + l));
            }
        }
        out.flush();
    }

    static void results(PrintWriter out, List<StepResult> results) {
        for (StepResult r : results) {
            out.printf("  %-9s %-12s %s  %s%n", r.result().name().toLowerCase(), r.step(), r.subject(),
                    r.detail() == null ? "" : r.detail());
        }
        out.println(summary(results));
        out.flush();
    }

    /** One line: every step with its counts by result, e.g. {@code trust: 17 done; association: 16 done}. */
    static String summary(List<StepResult> results) {
        Map<String, Map<StepResult.Result, Long>> byStep = new TreeMap<>();
        results.forEach(r -> byStep.computeIfAbsent(r.step(), k -> new TreeMap<>()).merge(r.result(), 1L, Long::sum));
        return "Summary: " + byStep.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().entrySet().stream()
                .map(c -> c.getValue() + " " + c.getKey().name().toLowerCase()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /** The role's path and name; the whole ARN when it is in another account or is no role ARN at all. */
    private static String shortRole(String arn, String clusterAccount) {
        try {
            RoleArn role = RoleArn.parse(arn);
            if (!role.accountId().equals(clusterAccount)) {
                return arn;
            }
            return role.path().equals("/") ? role.name() : role.path().substring(1) + role.name();
        } catch (IllegalArgumentException e) {
            return arn;
        }
    }

    /** The fleet summary: counts first, then every cluster and any account that could not be reached. */
    static void fleet(PrintWriter out, FleetStatus status) {
        long accounts = status.clusters().stream().map(c -> c.accountId()).distinct().count();
        out.printf("Fleet: %d cluster(s) in %d account(s): %d done, %d in progress, %d failed; %d binding(s) migrated%n",
                status.clusters().size(), accounts, status.count("succeeded"), status.inProgress(),
                status.count("failed") + status.count("partial"), status.bindingsMigrated());
        out.println("  " + status.clustersByStatus().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")));
        if (status.clusters().isEmpty()) {
            out.println("  no cluster recorded yet: the fleet scan has not run, and no execution has reported");
        }
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ACCOUNT", "REGION", "CLUSTER", "STATUS", "BINDINGS", "DETAIL"});
        for (var c : status.clusters()) {
            rows.add(new String[]{c.accountId(), c.region(), c.cluster(), c.status(),
                    c.bindingsMigrated() == null ? "" : c.bindingsMigrated().toString(),
                    c.reason() != null ? c.reason() : c.runId() != null ? "run " + c.runId() : ""});
        }
        table(out, rows);
        status.accounts().stream().filter(a -> !a.status().equals("reachable")).forEach(a ->
                out.println("Account " + a.accountId() + " " + a.status() + ": " + a.reason()));
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = row[i] == null ? "" : row[i];
                line.append(i == row.length - 1 ? cell : String.format("%-" + (widths[i] + 2) + "s", cell));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
