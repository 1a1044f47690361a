package dev.pim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim export}'s options: each bad one refused with exit code 2 and a message naming it, before any AWS call. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFormatItDoesNotWriteIsRefusedNamingTheChoices() {
        Ran ran = pim("export", "--cluster", "demo", "--format", "pulumi", "--region", "us-west-2");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("--format").contains("eksctl, terraform, cloudformation");
    }

    @Test
    void aClusterNameEksCouldNotHaveGivenIsRefusedAndNothingIsWritten() {
        Path file = dir.resolve("export.tf");
        Ran ran = pim("export", "--cluster", "pay ments", "--format", "terraform", "--output", file.toString(),
                "--region", "us-west-2");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim export: --cluster: 'pay ments' is not an EKS cluster name");
        assertThat(file).doesNotExist();
    }

    @Test
    void aRegionThatIsNoAwsRegionIsRefused() {
        Ran ran = pim("export", "--cluster", "demo", "--format", "eksctl", "--region", "mars-1");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("unknown region 'mars-1' (--region)");
    }
}
