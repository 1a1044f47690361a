package dev.pim.integration;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The READMEs' first snippets, as a new user runs them: the credentials for the local cloud, then the AWS CLI
 * commands of local/README.md, against the local cloud, with whichever AWS CLI is installed (version 1 reads the
 * region from {@code AWS_DEFAULT_REGION} only).
 */
class ReadmeSnippetsIntegrationTest {
    private static final String DOCUMENTED_ENDPOINT = "http://127.0.0.1:4566";
    private static final Path ROOT = Path.of("..");

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void credentialSnippetsSetTheRegionForBothMajorVersionsOfTheAwsCli() throws Exception {
        for (String readme : List.of("README.md", "local/README.md")) {
            Map<String, String> exported = exports(readme);
            assertThat(exported).as(readme).containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
                    "AWS_DEFAULT_REGION");
            assertThat(exported.get("AWS_DEFAULT_REGION")).as(readme).isEqualTo(exported.get("AWS_REGION"));
        }
    }

    @Test
    void localCloudSnippetsRunAsWrittenWithTheInstalledAwsCli(@TempDir Path home) throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not on PATH: the README snippets are not run");
        // The snippet associates web/frontend with the role made for it: the user's own choice, allowed by name.
        cloud.cloud().invariants().allow("111122223333/us-west-2/demo", "web/frontend",
                "arn:aws:iam::111122223333:role/web-frontend");
        List<String> script = new ArrayList<>(List.of("set -e"));
        script.addAll(exportLines("local/README.md"));
        script.addAll(awsCommands("local/README.md"));
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", String.join("\n", script)
                .replace(DOCUMENTED_ENDPOINT, cloud.endpoint().toString().replaceAll("/$", "")))
                .redirectErrorStream(true);
        // A new user's shell: no region or profile from this machine's environment or configuration.
        bash.environment().clear();
        bash.environment().put("PATH", System.getenv("PATH"));
        bash.environment().put("HOME", home.toString());
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"demo\"").contains("\"RoleName\": \"payments-api\"").contains("\"serviceAccount\": \"frontend\"");
    }

    /** The {@code export NAME=value ...} lines of the README's first bash block that sets credentials. */
    private static List<String> exportLines(String readme) throws Exception {
        return Files.readAllLines(ROOT.resolve(readme)).stream()
                .filter(l -> l.startsWith("export AWS_")).map(l -> l.replaceAll("\\s+#.*$", "")).toList();
    }

    private static Map<String, String> exports(String readme) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : exportLines(readme)) {
            for (String word : line.substring("export ".length()).trim().split("\\s+")) {
                String[] pair = word.split("=", 2);
                out.put(pair[0], pair[1]);
            }
        }
        return out;
    }

    /** The {@code aws ...} commands of the README's code blocks, continuation lines joined. */
    private static List<String> awsCommands(String readme) throws Exception {
        List<String> out = new ArrayList<>();
        StringBuilder command = null;
        for (String line : Files.readAllLines(ROOT.resolve(readme))) {
            if (command == null && line.startsWith("aws ")) {
                command = new StringBuilder();
            }
            if (command != null) {
                boolean continued = line.endsWith("\\");
                command.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continued) {
                    out.add(command.toString().trim());
                    command = null;
                }
            }
        }
        assertThat(out).as("aws commands in " + readme).isNotEmpty();
        return out;
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }
}
