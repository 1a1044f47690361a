package dev.pim.integration.property;

import dev.pim.integration.CloudSnapshot;
import dev.pim.integration.JournalOriginals;
import dev.pim.integration.LocalEngine;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.invariant.Violation;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.apply.MigrationReport;
import dev.pim.migration.apply.RunInterruptedException;
import dev.pim.migration.apply.StepResult;
import dev.pim.migration.plan.BindingSource;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.plan.MigrationPlan;
import dev.pim.migration.verify.VerificationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One generated scenario on the local cloud: loaded as its fixture, driven through the real engine (SDK clients
 * over HTTP, the fabric8 client, a file journal the invariant monitor reads), and looked at through the monitor
 * and the cloud's state.
 */
final class ScenarioRun implements AutoCloseable {
    static final String REGION = "us-west-2";
    static final ClusterRef CLUSTER = new ClusterRef(Scenario.ACCOUNT, REGION, Scenario.CLUSTER);
    private final LocalCloud cloud;
    private final Path journal;

    /** @param fixture the fixture YAML of the scenario */
    ScenarioRun(LocalCloud cloud, String fixture) {
        this.cloud = cloud;
        cloud.reset(FixtureLoader.parse("generated.yaml", fixture));
        requireOwnServiceAccounts();
        try {
            this.journal = Files.createTempDirectory("pim-property-journal");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (LocalEngine engine = engine()) {
            cloud.invariants().journal(new JournalOriginals(engine.journal, CLUSTER));
        }
    }

    LocalEngine engine() {
        return new LocalEngine(cloud.endpoint(), Scenario.CLUSTER, journal, REGION);
    }

    MigrationPlan plan(RunOptions options) {
        try (LocalEngine engine = engine()) {
            return engine.session.plan(existing(options).migration(true));
        }
    }

    /**
     * Plans and applies; the service accounts the user named (and the roles the plan gives them) are pairs the
     * monitor lets through, as asked for by name.
     */
    MigrationReport migrate(RunOptions options) {
        requireOwnServiceAccounts();
        RunOptions run = existing(options);
        try (LocalEngine engine = engine()) {
            MigrationPlan plan = engine.session.plan(run.migration(true));
            plan.bindings().stream().filter(b -> run.migration(true).includeServiceAccounts().contains(b.serviceAccount())
                            && b.sources().contains(BindingSource.TRUST) && b.associationRoleArn() != null)
                    .forEach(b -> cloud.invariants().allow(clusterId(), b.serviceAccount().toString(), b.roleArn()));
            return engine.session.migrate(plan);
        }
    }

    private java.util.Set<String> own;

    /**
     * A guard against another scenario's test still running on the shared local cloud (no step of ours removes a
     * service account; an add-on may add its own).
     */
    private void requireOwnServiceAccounts() {
        java.util.Set<String> now = cloud.read(s -> java.util.Set.copyOf(s.cluster(Scenario.ACCOUNT, REGION, Scenario.CLUSTER)
                .orElseThrow().kubernetes.serviceAccounts.keySet()));
        if (own == null) {
            own = now;
        } else if (!now.containsAll(own)) {
            throw new IllegalStateException("the cluster's service accounts changed under the scenario: " + own + " -> " + now);
        }
    }

    /** The options, naming only service accounts the cluster has (shrinking may have taken one away). */
    private RunOptions existing(RunOptions options) {
        List<String> present = cloud.read(s -> s.cluster(Scenario.ACCOUNT, REGION, Scenario.CLUSTER).orElseThrow()
                .kubernetes.serviceAccounts.keySet().stream().toList());
        return new RunOptions(options.restart(), options.removeAnnotation(), options.removeOidcTrust(),
                options.removeWildcards(), options.concurrency(), options.include().stream().filter(present::contains).toList());
    }

    /** A migration that may stop part-way (a crash): what it left, or null when it stopped. */
    MigrationReport migrateThroughACrash(RunOptions options) {
        try {
            return migrate(options);
        } catch (RunInterruptedException | software.amazon.awssdk.core.exception.SdkException | IllegalStateException e) {
            return null;
        }
    }

    VerificationReport verify() {
        requireOwnServiceAccounts();
        try (LocalEngine engine = engine()) {
            MigrationPlan plan = engine.session.plan(MigrationOptions.planOnly());
            return engine.session.verify(plan.bindings(), plan.providerArn());
        }
    }

    List<StepResult> rollbackAll() {
        try (LocalEngine engine = engine()) {
            return engine.session.rollback(null, false, Duration.ofSeconds(30));
        }
    }

    /** A rollback that may stop part-way (a crash). */
    void rollbackThroughACrash() {
        try {
            rollbackAll();
        } catch (RuntimeException stopped) {
            // The crash: every call fails, and whichever step met it first ends the rollback.
        }
    }

    /**
     * Carries out one step of a sequence; a crashing step arms the local cloud's crash for its k-th write and clears it
     * after (the process that died is gone; the next step is a new one).
     */
    void perform(SequenceStep step) {
        if (step instanceof SequenceStep.Migrate m) {
            if (m.crashAfter() > 0) {
                crashing(m.crashAfter(), () -> migrateThroughACrash(m.options()));
            } else {
                migrate(m.options());
            }
        } else if (step instanceof SequenceStep.Rollback r) {
            if (r.crashAfter() > 0) {
                crashing(r.crashAfter(), this::rollbackThroughACrash);
            } else {
                rollbackAll();
            }
        } else {
            verify();
        }
    }

    private void crashing(int afterWrite, Runnable step) {
        cloud.faults().crashAfterMutatingCalls(afterWrite);
        try {
            step.run();
        } finally {
            cloud.faults().reset();
        }
    }

    /** Every violation the monitor recorded, and those a settled check finds now. */
    List<Violation> violations() {
        List<Violation> out = new ArrayList<>(cloud.invariants().violations());
        out.addAll(cloud.checkInvariants());
        return out;
    }

    /** Successful mutating IAM, EKS and Kubernetes calls since the scenario was loaded. */
    long writes() {
        return cloud.invariants().summary().mutatingCalls();
    }

    CloudSnapshot snapshot() {
        return CloudSnapshot.of(cloud, Scenario.ACCOUNT, REGION, Scenario.CLUSTER);
    }

    LocalCloud cloud() {
        return cloud;
    }

    static String clusterId() {
        return Scenario.ACCOUNT + "/" + REGION + "/" + Scenario.CLUSTER;
    }

    /** The service accounts the run options would name, turned into refs. */
    static List<ServiceAccountRef> refs(List<String> names) {
        return names.stream().map(ServiceAccountRef::parse).toList();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(journal)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
