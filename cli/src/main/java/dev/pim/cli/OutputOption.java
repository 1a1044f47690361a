package dev.pim.cli;

import picocli.CommandLine.Option;

/** {@code -o/--output}: a table for people or JSON for scripts, as every command that prints a result offers it. */
final class OutputOption {

    /** The formats offered; picocli lists them when another is given. */
    enum Format {
        table, json
    }

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
