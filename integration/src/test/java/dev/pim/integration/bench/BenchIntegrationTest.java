package dev.pim.integration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.cli.Pim;
import dev.pim.integration.TestCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code pim bench --output json} at 10 and 100 bindings, both paths, through the real command: the document's
 * invariants, never its timings. Writes at the minimum, a re-run writing nothing, and T_min recomputed here from
 * the cluster's shape alone (every role's trust updated once, every service account and add-on associated once).
 */
@ExtendWith(TestCredentials.class)
class BenchIntegrationTest {
    static final double LATENCY_SECONDS = 0.002;
    static final double WRITE_RATE = 200;
    static final int PHASES = 6;
    static JsonNode document;
    static String stderr;

    @BeforeAll
    static void runTheBench() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Pim.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("bench", "--bindings=10,100", "--latency", "2", "--write-rate", "200", "--write-burst", "1", "--cold-start-runs", "0",
                        "--output", "json");
        stderr = err.toString();
        assertThat(code).as(stderr).isZero();
        document = new ObjectMapper().readTree(out.toString());
    }

    @Test
    void bothPathsSucceedAndARerunWritesNothing() {
        for (JsonNode size : document.get("sizes")) {
            assertThat(size.get("paths")).extracting(p -> p.get("path").asText()).containsExactly("cli", "pipeline");
            for (JsonNode path : size.get("paths")) {
                String what = size.get("bindings") + " bindings, " + path.get("path").asText();
                assertThat(path.get("status").asText()).as(what).isEqualTo("SUCCEEDED");
                assertThat(path.get("rerunWrites").asLong()).as(what).isZero();
            }
        }
    }

    @Test
    void everyWriteIsAtTheFloorsMinimum() {
        for (JsonNode size : document.get("sizes")) {
            JsonNode floor = size.get("floor").get("writes");
            assertThat(floor.size()).isEqualTo(3);
            for (JsonNode path : size.get("paths")) {
                Map<String, Long> served = new HashMap<>();
                path.get("calls").forEach(c -> {
                    if (c.get("write").asBoolean()) {
                        served.put(c.get("operation").asText(), c.get("served").asLong());
                    }
                });
                Map<String, Long> minimum = new HashMap<>();
                floor.fields().forEachRemaining(e -> minimum.put(e.getKey(), e.getValue().asLong()));
                assertThat(served).as(size.get("bindings") + " bindings, " + path.get("path").asText())
                        .containsExactlyInAnyOrderEntriesOf(minimum);
            }
        }
    }

    @Test
    void tMinFromTheCountersMatchesTheClustersShape() {
        for (JsonNode size : document.get("sizes")) {
            int bindings = size.get("bindings").asInt();
            int addons = bindings >= 10 ? 2 : 0;
            long roles = Math.round(bindings * 0.4);
            long eksWrites = bindings;  // one association per service account, one add-on update per add-on
            assertThat(size.get("roles").asLong()).isEqualTo(roles);
            assertThat(size.get("irsaAddons").size()).isEqualTo(addons);
            // A bucket of one call: the first write of each family goes at once, the rest at the rate.
            assertThat(document.get("settings").get("writeBurst").asInt()).isEqualTo(1);
            double expected = (Math.max(roles, eksWrites) - 1) / WRITE_RATE + PHASES * LATENCY_SECONDS;
            for (JsonNode path : size.get("paths")) {
                assertThat(path.get("iamWrites").asLong()).isEqualTo(roles);
                assertThat(path.get("eksWrites").asLong()).isEqualTo(eksWrites);
                assertThat(path.get("tMinSeconds").asDouble()).isCloseTo(expected, within(0.001));
                double tConc = (path.get("reads").asLong() + roles + eksWrites + path.get("kubernetesWrites").asLong())
                        * LATENCY_SECONDS / document.get("settings").get("concurrency").asInt() + PHASES * LATENCY_SECONDS;
                assertThat(path.get("tConcSeconds").asDouble()).isCloseTo(tConc, within(0.001));
            }
        }
    }

    @Test
    void ratiosBoundsAndTheReadsAreReported() {
        for (JsonNode size : document.get("sizes")) {
            for (JsonNode path : size.get("paths")) {
                assertThat(path.get("wallSeconds").asDouble()).isPositive();
                assertThat(path.get("wallOverTMin").asDouble()).isCloseTo(
                        path.get("wallSeconds").asDouble() / path.get("tMinSeconds").asDouble(), within(0.01));
                assertThat(path.get("wallOverTConc").asDouble()).isPositive();
                assertThat(path.get("dominantBound").asText()).isIn("rate", "concurrency");
                assertThat(path.get("readsPerBinding").asDouble()).isCloseTo(
                        path.get("reads").asDouble() / size.get("bindings").asInt(), within(0.001));
                assertThat(path.get("throttledPerWrite").asDouble()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void thePipelinesHistoriesAreWalkedAndStayInsideStepFunctionsLimits() {
        for (JsonNode size : document.get("sizes")) {
            JsonNode pipeline = size.get("paths").get(1);
            assertThat(pipeline.get("executions").asInt()).as("the apply and the re-run at least").isGreaterThanOrEqualTo(2);
            assertThat(pipeline.get("largestHistoryEvents").asInt()).isPositive().isLessThanOrEqualTo(25_000);
            assertThat(pipeline.get("largestPayloadBytes").asInt()).isPositive().isLessThan(256 * 1024);
            assertThat(size.get("paths").get(0).get("largestHistoryEvents").isNull()).isTrue();
        }
    }

    @Test
    void coldStartIsMarkedNotMeasuredAndTheMachineIsNamed() {
        assertThat(document.get("coldStart").get("measured").asBoolean()).isFalse();
        assertThat(document.get("machine").get("cores").asInt()).isPositive();
        assertThat(document.get("settings").get("latencyMillis").asLong()).isEqualTo(2);
    }
}
