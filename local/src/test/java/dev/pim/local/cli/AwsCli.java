package dev.pim.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.LocalCloudExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed AWS CLI (botocore) against the local cloud, as a user with only the test key runs it: no profile,
 * config or credentials file, no other {@code AWS_*} setting, one attempt per call.
 */
public final class AwsCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one CLI run printed and how it exited. */
    public record Run(int exitCode, String stdout, String stderr) {
        public JsonNode json() throws IOException {
            return JSON.readTree(stdout);
        }
    }

    private AwsCli() {
    }

    /** Whether an {@code aws} executable is on the PATH (the CLI tests are skipped, saying so, where it is not). */
    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "aws"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code aws --endpoint-url <the cloud> --output json <args>} in us-west-2. */
    public static Run run(LocalCloudExtension cloud, String... args) throws IOException, InterruptedException {
        return run(cloud, Map.of(), args);
    }

    /** The same, with {@code env} set over the test key (another principal's credentials, say). */
    public static Run run(LocalCloudExtension cloud, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--endpoint-url", cloud.endpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        return exec(env, command);
    }

    /** {@code aws <args>} and nothing else, for {@code aws --version}. */
    public static Run bare(String... args) throws IOException, InterruptedException {
        return exec(Map.of(), List.of(args));
    }

    private static Run exec(Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("AWS_"));
        environment.putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-west-2", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
                "AWS_MAX_ATTEMPTS", "1", "AWS_PAGER", "", "AWS_EC2_METADATA_DISABLED", "true"));
        environment.putAll(env);
        // Output goes to files, so that neither stream can fill its pipe and stall the CLI.
        Path out = Files.createTempFile("aws-cli", ".out");
        Path err = Files.createTempFile("aws-cli", ".err");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish within 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
