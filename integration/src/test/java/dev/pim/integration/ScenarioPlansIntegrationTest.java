package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.plan.RolePlan;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bundled fixture is planned as its header says (pinned in expected-plans/), with read calls only. */
class ScenarioPlansIntegrationTest {
    static final List<String> FIXTURES = FixtureLoader.BUNDLED;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void planClassifiesEveryBindingAsTheFixtureIntends(String fixture) throws IOException {
        cloud.cloud().reset(FixtureLoader.load(fixture));
        JsonNode expected = expected(fixture);
        try (LocalEngine engine = new LocalEngine(cloud, expected.get("cluster").asText(), journal)) {
            MigrationPlan plan = engine.session.plan(MigrationOptions.planOnly());

            Map<String, String> classes = new TreeMap<>();
            for (Binding b : plan.bindings()) {
                classes.put(b.key(), b.bindingClass().label());
            }
            Map<String, String> wanted = new TreeMap<>();
            expected.get("bindings").fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
            assertThat(classes).as("binding classes of " + fixture).isEqualTo(wanted);
            assertThat(plan.preflight().passed()).isEqualTo(expected.get("preflight").asText().equals("pass"));
            List<String> refused = plan.roles().stream().filter(RolePlan::refused).map(RolePlan::roleArn).toList();
            List<String> wantedRefused = expected.has("refusedRoles")
                    ? new ObjectMapper().convertValue(expected.get("refusedRoles"), List.class) : List.of();
            assertThat(refused).isEqualTo(wantedRefused);
        }
        assertThat(cloud.counters().mutatingCalls()).as("plan mode makes no mutating call").isZero();
    }

    private static JsonNode expected(String fixture) throws IOException {
        try (InputStream in = ScenarioPlansIntegrationTest.class.getResourceAsStream("/expected-plans/" + fixture + ".yaml")) {
            assertThat(in).as("expected-plans/" + fixture + ".yaml").isNotNull();
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
