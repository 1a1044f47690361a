package dev.pim.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.cli.bench.coldstart.ColdStartReport;
import dev.pim.cli.bench.coldstart.ColdStartRow;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A cold-start report in the bench's table and JSON: each function against hello world, and the goal it has. */
class ColdStartRenderingTest {
    static final BenchSettings SETTINGS = new BenchSettings(List.of(), 9, 30, 10, 4, true, List.of("cli"), 5);

    @Test
    void eachFunctionIsARatioToHelloWorldWithItsGoal() throws Exception {
        ColdStartReport report = new ColdStartReport(
                new ColdStartRow("hello-world", "dev.pim.Hello", false, 1_000_000, 200, 650),
                List.of(new ColdStartRow("preflight", "dev.pim.handler.PreflightHandler", true, 20_000_000, 900, 4000),
                        new ColdStartRow("journal", "dev.pim.handler.JournalHandler", false, 5_000_000, 700, 2000)),
                5, "-XX:+TieredCompilation");
        BenchDocument document = BenchDocument.of(SETTINGS, List.of(), report);

        JsonNode json = BenchDocument.JSON.valueToTree(document).get("coldStart");
        assertThat(json.get("measured").asBoolean()).isTrue();
        assertThat(json.get("functions").get(0).get("ratioToHelloWorld").asDouble()).isEqualTo(4.5);
        assertThat(json.get("functions").get(0).get("goalRatio").asDouble()).isEqualTo(5.0);
        assertThat(json.get("functions").get(0).get("withinGoal").asBoolean()).isTrue();
        assertThat(json.get("functions").get(1).get("ratioToHelloWorld").asDouble()).isEqualTo(3.5);
        assertThat(json.get("functions").get(1).get("withinGoal").asBoolean()).isFalse();

        String table = table(document);
        assertThat(table).contains("median of 5 runs (-XX:+TieredCompilation)");
        assertThat(table).containsPattern("preflight +yes +19\\.1M +900 +4000 +4\\.50 +≤5\\n");
        assertThat(table).containsPattern("journal +no +4\\.8M +700 +2000 +3\\.50 +≤3 !\\n");
    }

    @Test
    void withoutAReportTheSectionSaysNotMeasured() {
        BenchDocument document = BenchDocument.of(SETTINGS, List.of(), null);
        assertThat(document.coldStart().measured()).isFalse();
        assertThat(table(document)).contains("cold start: not measured");
    }

    private static String table(BenchDocument document) {
        StringWriter out = new StringWriter();
        BenchTable.print(new PrintWriter(out), document);
        return out.toString();
    }
}
