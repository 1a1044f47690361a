package dev.pim.integration.coldstart;

import dev.pim.cli.bench.coldstart.ColdStartReport;
import dev.pim.cli.bench.coldstart.ColdStartRow;
import dev.pim.cli.bench.coldstart.ColdStarts;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cold-start measurement run for real: each function's Maven-built package started in fresh JVMs against the
 * local cloud, next to a hello-world handler packaged the same way. Asserts what was measured, not how fast.
 */
class ColdStartIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void preflightAgainstHelloWorldOverFiveStarts() {
        ColdStartReport report = ColdStarts.measure(5, cloud.endpoint(), "PreflightFunction"::equals);
        System.out.println(report);

        assertThat(report.runs()).isEqualTo(5);
        assertThat(report.javaFlags()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        ColdStartRow hello = report.helloWorld();
        assertThat(hello.handler()).endsWith("HelloWorldHandler");
        assertThat(hello.usesKubernetes()).isFalse();
        assertThat(hello.medianMillis()).isPositive();
        assertThat(report.functions()).singleElement().satisfies(preflight -> {
            assertThat(preflight.function()).isEqualTo("PreflightFunction");
            assertThat(preflight.handler()).isEqualTo("dev.pim.handler.PreflightHandler");
            assertThat(preflight.usesKubernetes()).as("Preflight ships without the Kubernetes client").isFalse();
            assertThat(preflight.packageBytes()).isGreaterThan(hello.packageBytes());
            assertThat(preflight.medianMillis()).isPositive();
            assertThat(preflight.classesLoaded()).as("the SDK and the engine are more than a hello world")
                    .isGreaterThan(hello.classesLoaded());
        });
        // Each of the five starts answered a real Preflight: five runs opened in the journal, each with the
        // cluster's reads (Preflight's answer is not an error response).
        assertThat(cloud.counters().count("eks:DescribeCluster")).isEqualTo(5);
    }

    /**
     * Every function of the pipeline answers its sample event from its own package: one without the Kubernetes
     * client never loads a fabric8 class (it would fail with NoClassDefFoundError, and so would the measurement).
     */
    @Test
    void everyFunctionAnswersFromItsOwnPackage() {
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(50));
        // One start each keeps CI short; -Dpim.coldStartRuns=5 gives the medians the report quotes.
        ColdStartReport report = ColdStarts.measure(Integer.getInteger("pim.coldStartRuns", 1), cloud.endpoint());
        System.out.println(report);

        Map<String, Boolean> kubernetes = report.functions().stream()
                .collect(Collectors.toMap(ColdStartRow::function, ColdStartRow::usesKubernetes));
        assertThat(kubernetes).containsOnlyKeys(ColdStarts.PIPELINE);
        assertThat(kubernetes).as("functions that call a Kubernetes API carry its client, the others do not")
                .containsAllEntriesOf(Map.of("DiscoverFunction", true, "RestartWorkloadsFunction", true,
                        "RemoveAnnotationsFunction", true, "VerifyFunction", true, "StripOidcTrustFunction", true,
                        "MigrateAddonFunction", true, "StripOidcTrustBatchFunction", true))
                .containsAllEntriesOf(Map.of("PreflightFunction", false, "EnsureAgentFunction", false,
                        "AgentStatusFunction", false, "UpdateTrustFunction", false, "CreateAssociationsFunction", false,
                        "ReportFunction", false, "MigrateRoleBatchFunction", false));
        long withKubernetes = report.functions().stream().filter(ColdStartRow::usesKubernetes)
                .mapToLong(ColdStartRow::packageBytes).min().orElseThrow();
        assertThat(report.functions()).filteredOn(r -> !r.usesKubernetes())
                .allSatisfy(r -> assertThat(r.packageBytes()).isLessThan(withKubernetes));
    }

    @Test
    void runsOutOfRangeAreRefusedWithTheRange() {
        assertThatThrownBy(() -> ColdStarts.measure(0, cloud.endpoint())).hasMessage("cold-start runs must be within 1..100, got 0");
    }
}
