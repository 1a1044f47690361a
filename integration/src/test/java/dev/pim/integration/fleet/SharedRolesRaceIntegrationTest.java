package dev.pim.integration.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.pipeline.LocalPipeline;
import dev.pim.integration.CliRun;
import dev.pim.integration.ExecutionWaits;
import dev.pim.integration.TestCredentials;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four executions of the real state machine migrate four clusters at once; the clusters share twenty roles, and
 * each execution both adds the Pod Identity statement and strips its own cluster's OIDC statement from every
 * role. IAM writes are slowed down, so that a write lands well after the read it was computed from: two
 * executions editing one role without the role's lease overwrite each other's change.
 */
@ExtendWith(TestCredentials.class)
class SharedRolesRaceIntegrationTest {
    static final String FIXTURE = Fixtures.path("shared-roles-race");
    static final List<String> CLUSTERS = List.of("race-1", "race-2", "race-3", "race-4");
    static final Duration WRITE_LATENCY = Duration.ofMillis(250);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension(FIXTURE);

    private LocalPipeline pipeline;

    @BeforeEach
    void deploy() {
        pipeline = new LocalPipeline(cloud.cloud(), "us-west-2", "111122223333");
        pipeline.deploy();
        cloud.faults().latency("iam:UpdateAssumeRolePolicy", WRITE_LATENCY);
    }

    @AfterEach
    void closePipeline() {
        pipeline.close();
    }

    @Test
    void withRoleLeasesEveryRoleEndsWithOnePodIdentityStatementAndTheBystanderIntact() throws Exception {
        Map<String, String> before = trustPolicies();

        List<DescribeExecutionResponse> executions = migrateAllAtOnce();

        for (DescribeExecutionResponse e : executions) {
            assertThat(e.status()).as(e.name() + ": " + e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(JSON.readTree(e.output()).get("status").asText()).as(e.output()).isEqualTo("SUCCEEDED");
        }
        Map<String, String> after = trustPolicies();
        assertThat(after).hasSize(20);
        after.forEach((role, policy) -> assertThat(problems(before.get(role), policy)).as(role + ": " + policy).isEmpty());
    }

    @Test
    void withoutRoleLeasesConcurrentEditsOfASharedRoleAreLost() throws Exception {
        pipeline.configure(pipeline.settings().withoutRoleLeases());
        Map<String, String> before = trustPolicies();

        migrateAllAtOnce();

        Map<String, List<String>> damaged = new LinkedHashMap<>();
        trustPolicies().forEach((role, policy) -> {
            List<String> problems = problems(before.get(role), policy);
            if (!problems.isEmpty()) {
                damaged.put(role, problems);
            }
        });
        // Each lost update leaves a migrated cluster's OIDC statement behind (or drops another's edit): the very
        // race the leases exist for.
        assertThat(damaged).as("roles whose concurrent edits were lost").isNotEmpty();
    }

    @Test
    void aCliRunPointedAtTheTableTakesTheSameLeasesAsTheExecutions() throws Exception {
        Map<String, String> before = trustPolicies();
        try (SfnClient sfn = pipeline.sfnClient()) {
            List<String> arns = new ArrayList<>();
            for (String cluster : CLUSTERS.subList(1, 4)) {
                arns.add(start(sfn, cluster));
            }
            // race-1 from a laptop, at the same time, journaled in the pipeline's table.
            CliRun cli = CliRun.of("migrate", "--cluster", "race-1", "--approve", "--remove-oidc-trust",
                    "--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString(),
                    "--journal-table", LocalPipeline.JOURNAL_TABLE, "--no-progress");
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("Journal: table " + LocalPipeline.JOURNAL_TABLE);
            for (String arn : arns) {
                DescribeExecutionResponse e = ExecutionWaits.awaitEnd(sfn, arn, Duration.ofMinutes(4));
                assertThat(e.status()).as(e.name() + ": " + e.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            }
        }
        trustPolicies().forEach((role, policy) -> assertThat(problems(before.get(role), policy)).as(role + ": " + policy).isEmpty());
    }

    private String start(SfnClient sfn, String cluster) {
        String input = "{\"cluster\": \"" + cluster + "\", \"approve\": true, \"removeOidcTrust\": true, \"maxConcurrency\": 20}";
        return sfn.startExecution(r -> r.stateMachineArn(pipeline.stateMachineArn()).name("migrate-" + cluster).input(input))
                .executionArn();
    }

    private List<DescribeExecutionResponse> migrateAllAtOnce() throws InterruptedException {
        List<String> arns = new ArrayList<>();
        try (SfnClient sfn = pipeline.sfnClient()) {
            for (String cluster : CLUSTERS) {
                arns.add(start(sfn, cluster));
            }
            List<DescribeExecutionResponse> done = new ArrayList<>();
            for (String arn : arns) {
                done.add(ExecutionWaits.awaitEnd(sfn, arn, Duration.ofMinutes(4)));
            }
            return done;
        }
    }

    /**
     * What is wrong with a role's trust after the four migrations: not exactly one Pod Identity statement, a
     * migrated cluster's OIDC statement left, or the bystander's statement changed.
     */
    private static List<String> problems(String before, String after) {
        List<String> problems = new ArrayList<>();
        JsonNode statements = read(after).get("Statement");
        long podIdentity = 0;
        for (JsonNode s : statements) {
            String service = s.path("Principal").path("Service").asText("");
            String federated = s.path("Principal").path("Federated").asText("");
            if (service.equals("pods.eks.amazonaws.com")) {
                podIdentity++;
            }
            for (int i = 0; i < CLUSTERS.size(); i++) {
                if (federated.endsWith(issuerId(i))) {
                    problems.add("still trusts " + CLUSTERS.get(i) + "'s OIDC provider");
                }
            }
        }
        if (podIdentity != 1) {
            problems.add(podIdentity + " Pod Identity statements");
        }
        JsonNode bystanderBefore = bystander(read(before).get("Statement"));
        JsonNode bystanderAfter = bystander(statements);
        if (!bystanderBefore.equals(bystanderAfter)) {
            problems.add("bystander's statement changed: " + bystanderAfter);
        }
        return problems;
    }

    private static JsonNode bystander(JsonNode statements) {
        for (JsonNode s : statements) {
            if (s.path("Principal").path("Federated").asText("").endsWith(issuerId(4))) {
                return s;
            }
        }
        return JSON.missingNode();
    }

    /** The fixture's issuer ids: race-1..4 then bystander. */
    private static String issuerId(int index) {
        return String.format("%032X", new java.math.BigInteger("A0C0FFEE00000000000000000000", 16).add(java.math.BigInteger.valueOf(index)));
    }

    private static Map<String, String> trustPolicies() {
        Map<String, String> out = new LinkedHashMap<>();
        try (IamClient iam = Clients.iam(cloud.endpoint())) {
            for (int i = 1; i <= 20; i++) {
                String name = String.format("shared-%02d", i);
                out.put(name, URLDecoder.decode(iam.getRole(r -> r.roleName(name)).role().assumeRolePolicyDocument(),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
