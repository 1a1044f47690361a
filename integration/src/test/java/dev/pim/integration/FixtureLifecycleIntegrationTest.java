package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bundled fixture through the CLI, against the local cloud's HTTP endpoint (what {@code ./pim local serve}
 * serves): the plan classifies each binding as the fixture intends (pinned in expected-plans/) with read calls
 * only; apply converges; a second apply makes no mutating call; verify finds no problem after restarts; and
 * rollback brings IAM, EKS and Kubernetes back to the fixture's state.
 */
@ExtendWith(TestCredentials.class)
class FixtureLifecycleIntegrationTest {
    static final List<String> FIXTURES = FixtureLoader.BUNDLED;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;


    @ParameterizedTest
    @FieldSource("FIXTURES")
    void planApplyReapplyVerifyAndRollBack(String fixture) throws IOException {
        cloud.cloud().reset(FixtureLoader.load(fixture));
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(100));
        JsonNode expected = expected(fixture);
        String cluster = expected.get("cluster").asText();
        boolean preflightPasses = expected.get("preflight").asText().equals("pass");
        CloudSnapshot original = CloudSnapshot.of(cloud.cloud(), "111122223333", "us-west-2", cluster);

        CliRun plan = pim("plan", "--cluster", cluster, "--output", "json");
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(preflightPasses ? 0 : 1);
        assertThat(classes(JSON.readTree(plan.out()))).as("binding classes of " + fixture).isEqualTo(wanted(expected));
        assertThat(cloud.counters().mutatingCalls()).as("plan mode makes no mutating call").isZero();

        // A fixture may need the user's acceptance of what its plan warns about (expected-plans: migrateFlags).
        List<String> migrate = new java.util.ArrayList<>(List.of("migrate", "--cluster", cluster, "--approve",
                "--restart-workloads", "--timeout", "1m"));
        expected.path("migrateFlags").forEach(flag -> migrate.add(flag.asText()));
        CliRun apply = pim(migrate.toArray(String[]::new));
        int expectedExit = !preflightPasses ? 1 : expected.has("refusedRoles") ? 3 : 0;
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isEqualTo(expectedExit);

        cloud.counters().reset();
        CliRun again = pim(migrate.toArray(String[]::new));
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(expectedExit);
        assertThat(cloud.counters().mutatingSnapshot()).as("mutating calls of a second apply of " + fixture).isEmpty();

        CliRun verify = pim("verify", "--cluster", cluster, "--output", "json");
        JsonNode verification = JSON.readTree(verify.out());
        assertThat(verification.get("bindings")).allSatisfy(b ->
                assertThat(b.get("problems")).as(b.toString()).isEmpty());
        assertThat(verification.get("clean").asBoolean()).isTrue();

        CliRun rollback = pim("rollback", "--cluster", cluster);
        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(CloudSnapshot.of(cloud.cloud(), "111122223333", "us-west-2", cluster))
                .as("state after rollback of " + fixture).isEqualTo(original);
    }

    private CliRun pim(String... args) {
        return CliRun.against(cloud, journal, args);
    }

    private static Map<String, String> classes(JsonNode plan) {
        Map<String, String> out = new TreeMap<>();
        plan.get("bindings").forEach(b -> out.put(b.get("serviceAccount").asText() + " -> " + b.get("role").asText(),
                b.get("class").asText()));
        return out;
    }

    private static Map<String, String> wanted(JsonNode expected) {
        Map<String, String> out = new TreeMap<>();
        expected.get("bindings").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode expected(String fixture) throws IOException {
        try (InputStream in = FixtureLifecycleIntegrationTest.class.getResourceAsStream("/expected-plans/" + fixture + ".yaml")) {
            assertThat(in).as("expected-plans/" + fixture + ".yaml").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
