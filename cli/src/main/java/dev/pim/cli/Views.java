package dev.pim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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

import java.util.Map;

/** The JSON documents of {@code --output json}: stable field names, for scripts. */
final class Views {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Views() {
    }

    static ObjectNode plan(MigrationPlan plan) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode cluster = out.putObject("cluster");
        cluster.put("name", plan.cluster().ref().name()).put("account", plan.cluster().ref().accountId())
                .put("region", plan.cluster().ref().region()).put("arn", plan.cluster().arn())
                .put("version", plan.cluster().version()).put("platformVersion", plan.cluster().platformVersion())
                .put("status", plan.cluster().status()).put("oidcIssuer", plan.cluster().oidcIssuer());
        ObjectNode preflight = out.putObject("preflight");
        preflight.put("passed", plan.preflight().passed()).put("agent", plan.preflight().agent().name());
        ArrayNode checks = preflight.putArray("checks");
        for (PreflightCheck c : plan.preflight().checks()) {
            checks.addObject().put("name", c.name()).put("status", c.status().name()).put("detail", c.detail());
        }
        out.put("installAgentVersion", plan.installAgentVersion());
        out.putPOJO("warnings", plan.allWarnings());
        ArrayNode webhook = out.putArray("webhookSettings");
        for (WebhookFinding f : plan.webhookFindings()) {
            webhook.addObject().put("subject", f.subject()).put("setting", f.setting()).put("value", f.value())
                    .put("level", level(plan, f)).put("consequence", f.detail());
        }
        ArrayNode bindings = out.putArray("bindings");
        for (Binding b : plan.bindings()) {
            ObjectNode node = bindings.addObject();
            node.put("serviceAccount", b.serviceAccount().toString()).put("role", b.roleArn())
                    .put("class", b.bindingClass().label()).put("reason", b.reason());
            node.putPOJO("sources", b.sources());
            node.put("addon", b.addon()).put("associationRole", b.associationRoleArn()).put("targetRole", b.targetRoleArn());
            node.putPOJO("workloads", b.workloads().stream().map(Object::toString).toList());
            node.putPOJO("warnings", b.warnings());
            node.putPOJO("actions", Actions.of(plan, b));
        }
        ArrayNode roles = out.putArray("roles");
        for (RolePlan r : plan.roles()) {
            ObjectNode node = roles.addObject();
            node.put("role", r.roleArn()).put("trustChanges", r.trustChanges()).put("sizeAfter", r.sizeAfter())
                    .put("quota", r.quota()).put("refusal", r.refusal());
            node.put("trustBefore", r.trustBefore()).put("trustAfter", r.trustAfter()).put("trustAfterCleanup", r.trustAfterCleanup());
            node.put("trustScope", r.podIdentityScope().level().label());
            node.putPOJO("notes", r.notes());
            node.putPOJO("associations", r.associations().stream().map(Object::toString).toList());
            node.putPOJO("addons", r.addons());
        }
        ArrayNode addons = out.putArray("addons");
        for (AddonPlan a : plan.addons()) {
            addons.addObject().put("addon", a.addon()).put("version", a.version()).putPOJO("associationsAfter", a.associationsAfter());
        }
        ObjectNode summary = out.putObject("summary");
        plan.countsByClass().forEach((c, n) -> summary.put(c.label(), n));
        return out;
    }

    /** info, warning, or for a container that would gain credentials: needs-acceptance, or accepted with the flag. */
    static String level(MigrationPlan plan, WebhookFinding finding) {
        return switch (finding.level()) {
            case INFO -> "info";
            case WARNING -> "warning";
            case NEEDS_ACCEPTANCE -> plan.options() != null && plan.options().acceptSkippedContainers() ? "accepted"
                    : "needs-acceptance";
        };
    }

    static ObjectNode report(MigrationReport report, Map<String, Long> calls) {
        ObjectNode out = JSON.createObjectNode();
        out.put("runId", report.runId()).put("status", report.status().name()).put("elapsedSeconds",
                report.elapsed().toMillis() / 1000.0);
        out.set("plan", plan(report.plan()));
        ArrayNode results = out.putArray("results");
        for (StepResult r : report.results()) {
            results.addObject().put("step", r.step()).put("subject", r.subject()).put("result", r.result().name())
                    .put("detail", r.detail());
        }
        if (report.verification() != null) {
            out.set("verification", verification(report.verification()));
        }
        out.putPOJO("calls", calls);
        return out;
    }

    static ObjectNode verification(VerificationReport report) {
        ObjectNode out = JSON.createObjectNode();
        out.put("clean", report.clean());
        ArrayNode bindings = out.putArray("bindings");
        for (BindingVerification b : report.bindings()) {
            ObjectNode node = bindings.addObject();
            node.put("serviceAccount", b.serviceAccount().toString()).put("role", b.roleArn())
                    .put("verified", b.verified()).put("podsMoved", b.podsMoved());
            node.putPOJO("problems", b.problems());
            node.putPOJO("leftovers", b.leftovers());
        }
        return out;
    }
}
