package dev.pim.cli;

import dev.pim.ledger.LedgerStoreException;
import dev.pim.migration.port.ClusterNotFoundException;
import dev.pim.migration.port.KubernetesAccessException;
import dev.pim.migration.trust.TrustPolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

/** What the cluster commands share: options, the engine, and one clear line for each failure. */
abstract class ClusterCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            cluster.validate();
            validate();
            try (Engine engine = Engine.open(cluster, err)) {
                return run(engine, spec.commandLine().getOut());
            }
        } catch (UsageException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ClusterNotFoundException | KubernetesAccessException | TrustPolicyException | IllegalArgumentException
                 | IllegalStateException | UncheckedIOException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (java.io.IOException e) {
            err.println(spec.qualifiedName() + ": cannot write the output: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (LedgerStoreException e) {
            // Before any change (a run that fails to journal after one is a RunInterruptedException): the table and why.
            err.println(spec.qualifiedName() + ": the journal cannot be used: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (SdkException e) {
            err.println(spec.qualifiedName() + ": " + failedCall(e));
            return ExitCodes.FAILED;
        } finally {
            err.flush();
        }
    }

    /** What a failed AWS call means to the user; with no answer at all, where the calls went, the first thing to check. */
    String failedCall(SdkException e) {
        String what = unreachable(e) ? "cannot reach " + (cluster.endpoint() != null ? cluster.endpoint()
                : "AWS in " + cluster.region()) : "AWS call failed";
        return what + ": " + e.getMessage();
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** Checks the options against each other before anything is called. */
    void validate() {
    }

    abstract int run(Engine engine, PrintWriter out) throws java.io.IOException;

    boolean json() {
        return cluster.output.json();
    }
}
