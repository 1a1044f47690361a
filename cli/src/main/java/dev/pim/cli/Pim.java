package dev.pim.cli;

import dev.pim.cli.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pim} command line. */
@Command(name = "pim",
        mixinStandardHelpOptions = true,
        version = "pod-identity-migrator 0.1.0",
        description = "Moves Amazon EKS workloads from IRSA to EKS Pod Identity, safely.",
        subcommands = {DemoCommand.class, PlanCommand.class, MigrateCommand.class, VerifyCommand.class, RollbackCommand.class,
                ExportCommand.class, RunCommand.class, FleetCommand.class, BenchCommand.class,
                LocalCommand.class, VerbCommands.Get.class, VerbCommands.Create.class, VerbCommands.Update.class,
                VerbCommands.Delete.class, CommandLine.HelpCommand.class})
public final class Pim implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The functions' log4j2.properties is for Lambda (JSON on stdout); on a terminal, quiet plain lines on stderr.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the tests. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Pim()).setCaseInsensitiveEnumValuesAllowed(true);
        // The bench runs the CLI as a user would: it is given the command line rather than reaching back for it.
        line.getSubcommands().get("bench").<BenchCommand>getCommand().cli(Pim::commandLine);
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
