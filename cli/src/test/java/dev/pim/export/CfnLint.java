package dev.pim.export;

import org.junit.jupiter.api.Assumptions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code cfn-lint} on a template; the test is skipped, with the reason, where it is not installed. */
public final class CfnLint {

    private CfnLint() {
    }

    public static void assertClean(Path template) throws Exception {
        Assumptions.assumeTrue(Tools.onPath("cfn-lint"), "cfn-lint is not on PATH: the template is not linted (pip install cfn-lint)");
        Process lint = new ProcessBuilder("cfn-lint", template.toString()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        assertThat(lint.exitValue()).as("cfn-lint on the exported template said:\n" + output).isZero();
    }
}
