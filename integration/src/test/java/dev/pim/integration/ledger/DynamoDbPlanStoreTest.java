package dev.pim.integration.ledger;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.app.ClusterSession;
import dev.pim.ledger.DynamoDbPlanStore;
import dev.pim.ledger.FileJournal;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.Sleeper;
import dev.pim.migration.journal.PlanStore;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import dev.pim.migration.verify.VerificationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Plans and verification reports kept in the journal table, as the pipeline's steps read them. */
class DynamoDbPlanStoreTest {
    private static final String RUN = "20261122T220501Z-k3f9";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    private DynamoDbClient dynamo;
    private DynamoDbPlanStore store;

    @BeforeEach
    void createTable() {
        dynamo = LocalDynamoDb.withJournalTable(cloud);
        store = new DynamoDbPlanStore(dynamo, LocalDynamoDb.TABLE, LocalDynamoDb.quickBackoff());
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Test
    void aPlanOfFiveThousandBindingsRoundTripsAndEachRoleReadsAlone() {
        MigrationPlan plan = SyntheticPlans.plan(5_000, 2);

        store.save(RUN, plan);

        assertThat(store.plan(RUN)).isEqualTo(plan);
        for (int index : new int[]{0, 1, 2, 3, 500, plan.roles().size() - 1}) {
            RolePlan role = plan.roles().get(index);
            assertThat(store.role(RUN, index)).isEqualTo(new PlanStore.RoleWork(role, involving(plan, role)));
        }
        assertThat(sortKeys()).as("a shared role's bindings and the plan's fill more than one item each")
                .contains("PLAN#ROLE#00000#00001", "PLAN#BINDINGS#00001");
        assertThat(largestItemBytes()).isLessThan(400_000);
    }

    @Test
    void theDemoClustersRealPlanAndVerificationRoundTrip(@TempDir Path journalDir) {
        try (AwsClients clients = AwsClients.create("us-west-2", cloud.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
             ClusterSession session = new ClusterSession(clients, "demo", new FileJournal(journalDir, Clock.systemUTC()),
                     new dev.pim.ledger.InProcessRoleLeases(), Clock.systemUTC(), Sleeper.REAL, Duration.ofMillis(25), Backoff.standard(), Progress.NONE)) {
            MigrationPlan plan = session.plan(MigrationOptions.builder().approve(true).restartWorkloads(true)
                    .restartBudget(2).removeIrsaAnnotation(true).removeOidcTrust(true).timeout(Duration.ofMinutes(5)).build());
            VerificationReport report = session.verify(plan.bindings(), plan.providerArn());

            store.save(RUN, plan);
            store.saveVerification(RUN, report);

            assertThat(store.plan(RUN)).isEqualTo(plan);
            assertThat(store.verification(RUN)).contains(report);
            for (int i = 0; i < plan.roles().size(); i++) {
                RolePlan role = plan.roles().get(i);
                assertThat(store.role(RUN, i)).isEqualTo(new PlanStore.RoleWork(role, involving(plan, role)));
            }
        }
    }

    @Test
    void savingAgainReplacesThePlanEvenWhenTheNewOneIsSmaller() {
        store.save(RUN, SyntheticPlans.plan(2_000, 2));
        MigrationPlan smaller = SyntheticPlans.plan(30, 3);

        store.save(RUN, smaller);

        assertThat(store.plan(RUN)).isEqualTo(smaller);
        assertThat(store.role(RUN, 0).bindings()).isEqualTo(involving(smaller, smaller.roles().get(0)));
    }

    @Test
    void aVerificationIsAbsentUntilSavedAndASecondOneReplacesTheFirst() {
        MigrationPlan plan = SyntheticPlans.plan(3_000, 5);
        VerificationReport large = SyntheticPlans.verification(plan.bindings());
        VerificationReport small = SyntheticPlans.verification(plan.bindings().subList(0, 3));

        assertThat(store.verification(RUN)).isEmpty();
        store.saveVerification(RUN, large);
        assertThat(store.verification(RUN)).contains(large);
        store.saveVerification(RUN, small);
        assertThat(store.verification(RUN)).contains(small);
    }

    @Test
    void aMissingPlanOrRoleIsNamedWithItsRunAndTable() {
        store.save(RUN, SyntheticPlans.plan(10, 2));

        assertThatThrownBy(() -> store.plan("20261122T220501Z-none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20261122T220501Z-none").hasMessageContaining(LocalDynamoDb.TABLE);
        assertThatThrownBy(() -> store.role(RUN, 99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role 99").hasMessageContaining(RUN).hasMessageContaining(LocalDynamoDb.TABLE);
        assertThatThrownBy(() -> store.role(RUN, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What PlanStore promises: the bindings whose association names the role and those of its own IRSA trust. */
    private static List<Binding> involving(MigrationPlan plan, RolePlan role) {
        return plan.bindings().stream()
                .filter(b -> role.roleArn().equals(b.associationRoleArn()) || role.roleArn().equals(b.roleArn()))
                .toList();
    }

    private List<String> sortKeys() {
        return dynamo.scanPaginator(r -> r.tableName(LocalDynamoDb.TABLE).projectionExpression("sk")).items().stream()
                .map(item -> item.get("sk").s()).toList();
    }

    /** An item's size as DynamoDB counts it, near enough: names and string values in UTF-8. */
    private long largestItemBytes() {
        return dynamo.scanPaginator(r -> r.tableName(LocalDynamoDb.TABLE)).items().stream()
                .mapToLong(item -> item.entrySet().stream().mapToLong(e -> e.getKey().length() + size(e.getValue())).sum())
                .max().orElse(0);
    }

    private static long size(AttributeValue value) {
        return value.s() != null ? value.s().getBytes(StandardCharsets.UTF_8).length
                : value.n() != null ? value.n().length() : 0;
    }
}
