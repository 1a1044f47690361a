package dev.pim.integration;

import dev.pim.ledger.FileJournal;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.apply.MigrationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every k from 1 to the number of mutating calls of a clean apply of the demo: an apply that crashes after
 * its k-th mutating call, then a clean apply, end where a clean apply ends; and up to the crash every pod kept a
 * working credential path (IRSA or Pod Identity), as the local cloud's invariant monitor judged at every call.
 */
class CrashSafetyIntegrationTest {
    static final String ACCOUNT = "111122223333";
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journals;

    @Test
    void everyCrashPointKeepsCredentialsAndConvergesOnReRun() throws Exception {
        CloudSnapshot clean = cleanApply();
        long mutatingCalls = cloud.counters().mutatingCalls();
        assertThat(mutatingCalls).isGreaterThan(50);

        List<String> failures = new ArrayList<>();
        for (int k = 1; k <= mutatingCalls; k++) {
            resetDemo();
            Path journal = Files.createDirectories(journals.resolve("k" + k));
            // No trust policy may change before the journal holds its original: the monitor reads this journal.
            cloud.cloud().invariants().journal(new JournalOriginals(new FileJournal(journal, Clock.systemUTC()),
                    new ClusterRef(ACCOUNT, "us-west-2", "demo")));
            cloud.faults().crashAfterMutatingCalls(k);
            try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
                engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            } catch (RuntimeException expected) {
                // the "process" died: every call after the k-th mutating one failed
            }
            assertThat(cloud.faults().crashed()).as("crash armed at k=" + k).isTrue();
            // The invariant monitor judged every call up to the crash: every pod kept a working credential path.
            var broken = cloud.cloud().invariants().violations();
            if (!broken.isEmpty()) {
                failures.add("k=" + k + ": " + broken);
            }
            cloud.faults().reset();
            try (LocalEngine engine = new LocalEngine(cloud, "demo", journal)) {
                MigrationReport rerun = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
                if (!rerun.failures().isEmpty()) {
                    failures.add("k=" + k + " re-run failed: " + rerun.failures());
                }
            }
            CloudSnapshot after = CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
            if (!after.equals(clean)) {
                failures.add("k=" + k + " ends elsewhere than a clean apply: " + diff(clean, after));
            }
        }
        assertThat(failures).isEmpty();
    }

    private CloudSnapshot cleanApply() throws Exception {
        resetDemo();
        try (LocalEngine engine = new LocalEngine(cloud, "demo", Files.createDirectories(journals.resolve("clean")))) {
            MigrationReport report = engine.session.migrate(engine.session.plan(LocalEngine.FULL_RUN));
            assertThat(report.failures()).isEmpty();
        }
        return CloudSnapshot.of(cloud.cloud(), ACCOUNT, "us-west-2", "demo");
    }

    private static void resetDemo() {
        cloud.cloud().reset(FixtureLoader.load("demo"));
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(50));
    }

    private static String diff(CloudSnapshot a, CloudSnapshot b) {
        List<String> out = new ArrayList<>();
        compare("trust", a.trustPolicies(), b.trustPolicies(), out);
        compare("associations", a.associations(), b.associations(), out);
        compare("addons", a.addons(), b.addons(), out);
        compare("annotations", a.annotations(), b.annotations(), out);
        compare("pods", a.podCredentials(), b.podCredentials(), out);
        return String.join("; ", out);
    }

    private static <V> void compare(String what, java.util.Map<String, V> a, java.util.Map<String, V> b, List<String> out) {
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (!java.util.Objects.equals(a.get(key), b.get(key))) {
                out.add(what + " " + key + ": " + a.get(key) + " vs " + b.get(key));
            }
        }
    }
}
