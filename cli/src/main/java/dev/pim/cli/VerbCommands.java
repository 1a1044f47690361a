package dev.pim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** eksctl's verb-first commands ({@code pim get podidentityassociation}): each verb only groups its resources. */
final class VerbCommands {

    private VerbCommands() {
    }

    abstract static class Verb implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show resources (eksctl's get).",
            subcommands = GetPodIdentityAssociationCommand.class)
    static final class Get extends Verb {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create resources (eksctl's create).",
            subcommands = CreatePodIdentityAssociationCommand.class)
    static final class Create extends Verb {
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Update resources (eksctl's update).",
            subcommands = UpdatePodIdentityAssociationCommand.class)
    static final class Update extends Verb {
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete resources (eksctl's delete).",
            subcommands = DeletePodIdentityAssociationCommand.class)
    static final class Delete extends Verb {
    }
}
