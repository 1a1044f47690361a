package dev.pim.ledger;

import dev.pim.aws.Backoff;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.verify.BindingVerification;
import dev.pim.migration.verify.VerificationReport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each run's plan and verification report, in the journal's DynamoDB table ({@link JournalTable}), in the run's
 * partition {@code RUN#<runId>} beside its journal ({@link DynamoDbJournal}), cut so that a Map iteration of
 * the state machine reads only its role.
 *
 * <table>
 * <caption>Items (string attributes unless said; lists are JSON arrays in parts, see {@link PartedItems})</caption>
 * <tr><th>sk</th><th>attributes</th></tr>
 * <tr><td>{@code PLAN#HEAD}</td><td>plan: the {@link MigrationPlan} without its bindings and roles (JSON);
 *     roles (number): how many roles it has. Written last: a plan without it was not saved.</td></tr>
 * <tr><td>{@code PLAN#BINDINGS}, {@code PLAN#BINDINGS#00001}...</td><td>items, parts: every binding, in plan
 *     order</td></tr>
 * <tr><td>{@code PLAN#ROLE#<5-digit index>}, then {@code ...#00001}...</td><td>role: the {@link RolePlan}
 *     (JSON); items, parts: its standalone bindings (migratable, no add-on, the association naming this
 *     role)</td></tr>
 * <tr><td>{@code VERIFY}, {@code VERIFY#00001}...</td><td>items, parts: the {@link BindingVerification}s</td></tr>
 * </table>
 *
 * <p>Saving again (a retried step) replaces what was saved. Throttled calls are retried through {@link Backoff};
 * other failures are {@link LedgerStoreException}s naming the table and the run.
 */
public final class DynamoDbPlanStore implements PlanStore {
    private static final String PLAN = "plan";
    private static final String ROLES = "roles";
    private static final String ROLE = "role";

    private final LedgerTable table;

    public DynamoDbPlanStore(DynamoDbClient dynamo, String table, Backoff backoff) {
        this.table = new LedgerTable(dynamo, table, backoff);
    }

    @Override
    public void save(String runId, MigrationPlan plan) {
        requireRunId(runId);
        if (plan.roles().size() > LedgerKeys.MAX_ROLES) {
            throw new IllegalArgumentException("a plan of more than " + LedgerKeys.MAX_ROLES + " roles cannot be stored; run "
                    + runId + " has " + plan.roles().size());
        }
        String partition = LedgerKeys.run(runId);
        String doing = "save the plan of run " + runId;
        List<Map<String, AttributeValue>> tails = new ArrayList<>();
        List<Map<String, AttributeValue>> heads = new ArrayList<>();
        List<String> bindings = JsonChunks.pack(plan.bindings(), Binding.class);
        tails.addAll(PartedItems.tail(partition, LedgerKeys.PLAN_BINDINGS, bindings));
        heads.add(PartedItems.head(partition, LedgerKeys.PLAN_BINDINGS, bindings, Map.of()));
        for (int i = 0; i < plan.roles().size(); i++) {
            RolePlan role = plan.roles().get(i);
            List<String> roleBindings = JsonChunks.pack(bindingsOf(plan, role), Binding.class);
            tails.addAll(PartedItems.tail(partition, LedgerKeys.role(i), roleBindings));
            heads.add(PartedItems.head(partition, LedgerKeys.role(i), roleBindings,
                    Map.of(ROLE, AttributeValue.fromS(JsonChunks.write(role, RolePlan.class)))));
        }
        table.putAll(tails, doing);
        table.putAll(heads, doing);
        Map<String, AttributeValue> planHead = new HashMap<>(LedgerKeys.key(partition, LedgerKeys.PLAN_HEAD));
        planHead.put(PLAN, AttributeValue.fromS(JsonChunks.write(withoutRolesAndBindings(plan), MigrationPlan.class)));
        planHead.put(ROLES, AttributeValue.fromN(Integer.toString(plan.roles().size())));
        table.put(planHead, doing);
    }

    @Override
    public MigrationPlan plan(String runId) {
        requireRunId(runId);
        String partition = LedgerKeys.run(runId);
        String doing = "read the plan of run " + runId;
        Map<String, AttributeValue> head = table.get(LedgerKeys.key(partition, LedgerKeys.PLAN_HEAD), doing)
                .orElseThrow(() -> missing("no plan saved for", runId));
        MigrationPlan saved = JsonChunks.read(head.get(PLAN).s(), MigrationPlan.class);
        List<Binding> bindings = JsonChunks.unpack(PartedItems.chunks(
                table.query(partition, LedgerKeys.PLAN_BINDINGS, doing), LedgerKeys.PLAN_BINDINGS)
                .orElseThrow(() -> missing("no bindings item in the plan of", runId)), Binding.class);
        int roleCount = Integer.parseInt(head.get(ROLES).n());
        List<Map<String, AttributeValue>> roleItems = table.query(partition, LedgerKeys.ROLE_PREFIX, doing);
        List<RolePlan> roles = new ArrayList<>(roleCount);
        for (int i = 0; i < roleCount; i++) {
            roles.add(rolePlan(roleItems, i, runId));
        }
        return new MigrationPlan(saved.cluster(), saved.preflight(), bindings, roles, saved.addons(),
                saved.installAgentVersion(), saved.providerArn(), saved.options(), saved.warnings(), saved.webhookFindings());
    }

    @Override
    public RoleWork role(String runId, int index) {
        requireRunId(runId);
        String head = LedgerKeys.role(index);
        List<Map<String, AttributeValue>> items = table.query(LedgerKeys.run(runId), head,
                "read role " + index + " of the plan of run " + runId);
        List<String> chunks = PartedItems.chunks(items, head)
                .orElseThrow(() -> missing("no role " + index + " in the plan of", runId));
        return new RoleWork(rolePlan(items, index, runId), JsonChunks.unpack(chunks, Binding.class));
    }

    @Override
    public void saveVerification(String runId, VerificationReport report) {
        requireRunId(runId);
        String partition = LedgerKeys.run(runId);
        String doing = "save the verification of run " + runId;
        List<String> chunks = JsonChunks.pack(report.bindings(), BindingVerification.class);
        table.putAll(PartedItems.tail(partition, LedgerKeys.VERIFICATION, chunks), doing);
        table.put(PartedItems.head(partition, LedgerKeys.VERIFICATION, chunks, Map.of()), doing);
    }

    @Override
    public Optional<VerificationReport> verification(String runId) {
        requireRunId(runId);
        List<Map<String, AttributeValue>> items = table.query(LedgerKeys.run(runId), LedgerKeys.VERIFICATION,
                "read the verification of run " + runId);
        return PartedItems.chunks(items, LedgerKeys.VERIFICATION)
                .map(chunks -> new VerificationReport(JsonChunks.unpack(chunks, BindingVerification.class)));
    }

    /** The bindings that involve a role: those its associations are made for, and those of its own IRSA trust. */
    static List<Binding> bindingsOf(MigrationPlan plan, RolePlan role) {
        return plan.bindings().stream()
                .filter(b -> role.roleArn().equals(b.associationRoleArn()) || role.roleArn().equals(b.roleArn()))
                .toList();
    }

    private RolePlan rolePlan(List<Map<String, AttributeValue>> items, int index, String runId) {
        String head = LedgerKeys.role(index);
        return items.stream()
                .filter(item -> head.equals(item.get(JournalTable.SORT_KEY).s()))
                .findFirst()
                .map(item -> JsonChunks.read(item.get(ROLE).s(), RolePlan.class))
                .orElseThrow(() -> missing("no role " + index + " in the plan of", runId));
    }

    private static MigrationPlan withoutRolesAndBindings(MigrationPlan plan) {
        return new MigrationPlan(plan.cluster(), plan.preflight(), List.of(), List.of(), plan.addons(),
                plan.installAgentVersion(), plan.providerArn(), plan.options(), plan.warnings(), plan.webhookFindings());
    }

    private static void requireRunId(String runId) {
        if (!RunIds.plausible(runId)) {
            throw new IllegalArgumentException("'" + runId + "' is not a run id");
        }
    }

    private IllegalArgumentException missing(String what, String runId) {
        return new IllegalArgumentException(what + " run '" + runId + "' in DynamoDB table " + table.name());
    }
}
