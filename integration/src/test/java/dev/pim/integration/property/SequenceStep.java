package dev.pim.integration.property;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing an operator does to a cluster in a generated sequence: a migration, a rollback of every run not yet
 * rolled back, or a verification, the first two possibly dying after their k-th write (the local cloud's simulated
 * crash). Written as a line ({@code migrate --approve --concurrency 2 (crash after write 3)}, {@code rollback},
 * {@code verify}), which is also how a regression case saves it.
 */
sealed interface SequenceStep {
    Pattern CRASH = Pattern.compile("^(.*?)\\s*\\(crash after write (\\d+)\\)$");

    /** @param crashAfter the write after which the process dies; 0 for a step that runs to its end */
    record Migrate(RunOptions options, int crashAfter) implements SequenceStep {
        @Override
        public String toString() {
            return options + crashSuffix(crashAfter);
        }
    }

    /** @param crashAfter the write after which the process dies; 0 for a rollback that runs to its end */
    record Rollback(int crashAfter) implements SequenceStep {
        @Override
        public String toString() {
            return "rollback" + crashSuffix(crashAfter);
        }
    }

    record Verify() implements SequenceStep {
        @Override
        public String toString() {
            return "verify";
        }
    }

    /** The options of every migration among the steps, crashed or not. */
    static List<RunOptions> migrations(List<SequenceStep> steps) {
        return steps.stream().filter(Migrate.class::isInstance).map(s -> ((Migrate) s).options()).toList();
    }

    /**
     * Sequences of one to five steps for a scenario, migrations weighted highest (a rollback or a verify of a cluster
     * no run touched is short); a crash comes at one of the first writes of its step, which is where most steps have
     * one (a crash point past the step's last write lets it finish).
     */
    static Arbitrary<List<SequenceStep>> forScenario(Scenario scenario) {
        Arbitrary<Integer> crashAfter = Arbitraries.integers().between(1, 10).withDistribution(
                net.jqwik.api.RandomDistribution.biased());
        Arbitrary<SequenceStep> migrate = RunOptions.forScenario(scenario).map(o -> new Migrate(o, 0));
        Arbitrary<SequenceStep> crashingMigrate = RunOptions.forScenario(scenario).flatMap(o -> crashAfter.map(k -> new Migrate(o, k)));
        Arbitrary<SequenceStep> rollback = Arbitraries.just(new Rollback(0));
        Arbitrary<SequenceStep> crashingRollback = crashAfter.map(Rollback::new);
        Arbitrary<SequenceStep> verify = Arbitraries.just(new Verify());
        return Arbitraries.frequencyOf(Tuple.of(4, migrate), Tuple.of(3, crashingMigrate), Tuple.of(2, rollback),
                        Tuple.of(2, crashingRollback), Tuple.of(1, verify))
                .list().ofMinSize(1).ofMaxSize(5);
    }

    /** A step as {@link #toString()} writes it. */
    static SequenceStep parse(String line) {
        String text = line.trim();
        int crashAfter = 0;
        Matcher crash = CRASH.matcher(text);
        if (crash.matches()) {
            text = crash.group(1);
            crashAfter = Integer.parseInt(crash.group(2));
        }
        if (text.startsWith("migrate ")) {
            return new Migrate(RunOptions.parse(text), crashAfter);
        }
        if (text.equals("rollback")) {
            return new Rollback(crashAfter);
        }
        if (text.equals("verify") && crashAfter == 0) {
            return new Verify();
        }
        throw new IllegalArgumentException("not a sequence step: '" + line + "' (migrate --approve ..., rollback, verify; "
                + "migrate and rollback may end with '(crash after write k)')");
    }

    private static String crashSuffix(int crashAfter) {
        return crashAfter > 0 ? " (crash after write " + crashAfter + ")" : "";
    }
}
