package dev.pim.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** The top level of {@code pim}: every command listed, help and version, an unknown command refused. */
class PimTest {
    private static final List<String> COMMANDS = List.of("demo", "plan", "migrate", "verify", "rollback", "export", "run", "fleet",
            "bench", "local", "get", "create", "update", "delete", "help");

    @Test
    void helpListsEveryCommand() {
        Ran ran = pim("--help");
        assertThat(ran.code()).isEqualTo(ExitCodes.OK);
        COMMANDS.forEach(c -> assertThat(ran.out()).containsPattern("(?m)^  " + c + "\\s"));
        assertThat(Pim.commandLine().getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    @Test
    void noArgumentsPrintsTheSameUsage() {
        Ran ran = pim();
        assertThat(ran.code()).isEqualTo(ExitCodes.OK);
        assertThat(ran.out()).isEqualTo(pim("--help").out());
    }

    @Test
    void versionNamesTheProduct() {
        Ran ran = pim("--version");
        assertThat(ran.code()).isEqualTo(ExitCodes.OK);
        assertThat(ran.out()).startsWith("pod-identity-migrator ");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Ran ran = pim("migrat", "-c", "payments");
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("Unmatched argument");
    }

    @Test
    void everyCommandAnswersHelpWithoutRunning() {
        for (String command : List.of("demo", "plan", "migrate", "verify", "rollback", "run", "bench")) {
            Ran ran = pim(command, "--help");
            assertThat(ran.code()).as(command).isEqualTo(ExitCodes.OK);
            assertThat(ran.out()).as(command).startsWith("Usage: pim " + command);
        }
        assertThat(pim("fleet", "status", "--help").out()).startsWith("Usage: pim fleet status");
        assertThat(pim("local", "serve", "--help").out()).startsWith("Usage: pim local serve");
    }
}
