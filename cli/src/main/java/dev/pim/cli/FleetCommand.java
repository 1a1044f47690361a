package dev.pim.cli;

import dev.pim.aws.AwsClients;
import dev.pim.aws.Backoff;
import dev.pim.fleet.FleetStatus;
import dev.pim.ledger.DynamoDbFleetLedger;
import dev.pim.ledger.LedgerStoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code pim fleet}: what the fleet's scheduled and manual migrations did, from the pipeline's ledger. */
@Command(name = "fleet", mixinStandardHelpOptions = true, description = "The fleet, as the pipeline's ledger records it.",
        subcommands = {FleetCommand.Status.class})
final class FleetCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The fleet summary: clusters done, in progress, failed or left out, bindings migrated, and "
                    + "member accounts that could not be reached.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        AwsOptions aws;

        @Option(names = "--journal-table", description = "The pipeline's table (default: PIM_JOURNAL_TABLE; the stack's "
                + "JournalTableName output).")
        String table;

        @CommandLine.Mixin
        OutputOption output;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String chosen = table != null ? table : System.getenv("PIM_JOURNAL_TABLE");
            if (chosen == null || chosen.isBlank()) {
                err.println("pim fleet status: no table: pass --journal-table or set PIM_JOURNAL_TABLE");
                return ExitCodes.USAGE;
            }
            try (AwsClients clients = AwsClients.create(aws.region(), aws.endpoint(), null)) {
                FleetStatus status = FleetStatus.of(new DynamoDbFleetLedger(clients.dynamoDb(), chosen, Backoff.standard()));
                if (output.json()) {
                    out.println(Views.JSON.valueToTree(status).toPrettyString());
                } else {
                    Tables.fleet(out, status);
                }
                out.flush();
                return ExitCodes.OK;
            } catch (UsageException e) {
                err.println("pim fleet status: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (SdkException | IllegalStateException | LedgerStoreException e) {
                err.println("pim fleet status: cannot read the fleet from table " + chosen + ": " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
    }
}
