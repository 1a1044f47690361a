package dev.pim.integration.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every case a property once failed on, kept as data in {@code src/test/resources/regressions/}: the fixture the
 * shrunk scenario was, the run options ({@code runs:}), the steps of a sequence ({@code steps:}, as
 * {@link SequenceStep} writes them), and which check it failed (or, for a case of the trust-reading properties, the
 * policy, subject and audience). Each runs the same check again, so a defect class found once stays fixed.
 */
class RegressionCasesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, 0);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @TestFactory
    Stream<DynamicTest> everySavedCaseHoldsNow() throws IOException, URISyntaxException {
        Path folder = Path.of(RegressionCasesTest.class.getResource("/regressions").toURI());
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(read(file))));
    }

    private static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(JsonNode regression) {
        String check = regression.path("check").asText();
        if (check.equals("webIdentityDecidedAlike") || check.equals("namedOutrightAlike")) {
            runTrustReading(check, regression);
            return;
        }
        String scenario = regression.path("fixture").asText();
        List<RunOptions> runs = new ArrayList<>();
        regression.path("runs").forEach(r -> runs.add(RunOptions.parse(r.asText())));
        List<SequenceStep> steps = new ArrayList<>();
        regression.path("steps").forEach(s -> steps.add(SequenceStep.parse(s.asText())));
        switch (regression.path("check").asText()) {
            case "planMakesNoWrite" -> MigrationChecks.planMakesNoWrite(cloud, scenario, runs.get(0));
            case "applyKeepsTheInvariants" -> MigrationChecks.applyKeepsTheInvariants(cloud, scenario, runs.get(0));
            case "aReRunWritesNothing" -> MigrationChecks.aReRunWritesNothing(cloud, scenario, runs.get(0));
            case "verifyCountsEveryMigratedBinding" -> MigrationChecks.verifyCountsEveryMigratedBinding(cloud, scenario, runs.get(0));
            case "runsThenRollbackRestoreTheStart" -> MigrationChecks.runsThenRollbackRestoreTheStart(cloud, scenario, runs);
            case "aCrashThenAReRunConverges" -> MigrationChecks.aCrashThenAReRunConverges(cloud, scenario, runs.get(0),
                    regression.path("crashAt").asInt(1));
            case "aSequenceThenARollbackRestoresTheStart" -> MigrationChecks.aSequenceThenARollbackRestoresTheStart(cloud,
                    scenario, steps);
            case "aSequenceThenAMigrateConverges" -> MigrationChecks.aSequenceThenAMigrateConverges(cloud, scenario, steps,
                    runs.get(0));
            default -> throw new IllegalArgumentException("unknown check '" + regression.path("check").asText()
                    + "' (planMakesNoWrite, applyKeepsTheInvariants, aReRunWritesNothing, verifyCountsEveryMigratedBinding, "
                    + "runsThenRollbackRestoreTheStart, aCrashThenAReRunConverges, aSequenceThenARollbackRestoresTheStart, "
                    + "aSequenceThenAMigrateConverges, webIdentityDecidedAlike, namedOutrightAlike)");
        }
    }

    /** A case of {@link TrustReadingDifferentialTest}: one role's policy, and the subject and audience of the call. */
    private static void runTrustReading(String check, JsonNode regression) {
        String roleArn = Scenario.roleArn(0);
        String policy = regression.path("policy").asText();
        String subject = regression.path("subject").asText();
        String audience = regression.path("audience").asText();
        if (check.equals("webIdentityDecidedAlike")) {
            TrustReadingChecks.webIdentityDecidedAlike(roleArn, policy, subject, audience);
        } else {
            TrustReadingChecks.namedOutrightAlike(roleArn, policy, subject, audience);
        }
    }
}
