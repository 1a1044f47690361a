package dev.pim.integration.property;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints each property's count of generated cases and its seed, on the console and into
 * {@code target/property-summary.txt} (which CI prints: surefire keeps test output in files). A failing property's
 * seed re-runs it exactly: {@code @Property(seed = "...")}, or the jqwik database in {@code .jqwik-database}.
 */
public final class PropertySummary implements AroundPropertyHook {
    static final Path FILE = Path.of("target", "property-summary.txt");

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        String line = String.format("%-78s %4d generated case(s), seed %s, %s%n", context.extendedLabel(),
                result.countTries(), result.seed().orElse("-"), result.status());
        System.out.print(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("cannot write " + FILE + ": " + e.getMessage());
        }
        return result;
    }
}
