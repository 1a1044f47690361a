package dev.pim.export;

import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code terraform fmt -check} on a configuration; skipped, with the reason, where terraform is not installed. */
public final class TerraformFmt {

    private TerraformFmt() {
    }

    public static void assertFormatted(Path dir, String configuration) throws Exception {
        Assumptions.assumeTrue(Tools.onPath("terraform"), "terraform is not on PATH: terraform fmt -check not run (the HCL parse still is)");
        Path file = dir.resolve("export.tf");
        Files.writeString(file, configuration);
        Process fmt = new ProcessBuilder("terraform", "fmt", "-check", "-diff", file.toString()).redirectErrorStream(true).start();
        String output = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmt.waitFor(60, TimeUnit.SECONDS)).as("terraform fmt finished").isTrue();
        assertThat(fmt.exitValue()).as("terraform fmt -check -diff said:\n" + output).isZero();
    }
}
