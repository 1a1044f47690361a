package dev.pim.integration.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every function the template deploys has a thin handler (at most 60 lines, the file as written): the work belongs
 * in the services a handler calls, where the CLI calls them too.
 */
class HandlerSizeTest {
    private static final int MAX_LINES = 60;
    private static final Path ROOT = Path.of("..");
    private static final Pattern HANDLER = Pattern.compile("Handler: (dev\\.pim\\.handler\\.\\w+)::handleRequest");

    @Test
    void everyDeployedHandlerIsAtMostSixtyLines() throws IOException {
        Matcher deployed = HANDLER.matcher(Files.readString(ROOT.resolve("template.yaml")));
        Map<String, Integer> lines = new TreeMap<>();
        while (deployed.find()) {
            String type = deployed.group(1);
            Path source = ROOT.resolve("functions/src/main/java").resolve(type.replace('.', '/') + ".java");
            lines.put(type, Files.readAllLines(source).size());
        }
        assertThat(lines).as("the template deploys handlers").hasSizeGreaterThan(10);
        List<String> tooLong = lines.entrySet().stream().filter(e -> e.getValue() > MAX_LINES)
                .map(e -> e.getKey() + " (" + e.getValue() + " lines)").toList();
        assertThat(tooLong).as("handlers over " + MAX_LINES + " lines").isEmpty();
    }
}
