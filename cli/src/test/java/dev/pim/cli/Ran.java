package dev.pim.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** One run of {@code pim} in this JVM, with its exit code and what it wrote to stdout and stderr. */
record Ran(int code, String out, String err) {

    static Ran pim(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Pim.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Ran(code, out.toString(), err.toString());
    }

    /** The object picocli filled for the innermost subcommand of {@code args}; nothing is run. */
    @SuppressWarnings("unchecked")
    static <T> T parsed(String... args) {
        CommandLine.ParseResult result = Pim.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return (T) result.commandSpec().userObject();
    }

    /** An http:// endpoint on this host where nothing listens: a call to it fails at once, before any answer. */
    static String closedEndpoint() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
