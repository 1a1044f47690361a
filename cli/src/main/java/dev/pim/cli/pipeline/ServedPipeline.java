package dev.pim.cli.pipeline;

import dev.pim.local.Deployment;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.Fixture;

/**
 * What {@code pim local serve} deploys on the local cloud it serves: the pipeline of the fixture's first account, in
 * its first region that has clusters, with its fleet half (queues, the dispatcher polling the migration queue); the
 * fleet scan is left to the caller to invoke. Registered with the cloud, it is deployed before the cloud answers
 * anyone and again after every reset.
 */
public final class ServedPipeline implements Deployment, AutoCloseable {
    private volatile String stateMachineArn;
    private LocalFleet fleet;
    private LocalPipeline pipeline;

    /** Deploys the pipeline for the fixture the cloud serves now (again after a reset: the fleet it had is closed). */
    @Override
    public synchronized void deployOn(LocalCloud cloud) {
        Fixture fixture = cloud.fixture();
        Fixture.Account account = fixture.accounts().get(0);
        String region = account.regions().stream().filter(r -> !r.clusters().isEmpty()).map(Fixture.Region::name)
                .findFirst().orElse("us-west-2");
        // The old fleet and pipeline are closed first: closing the fleet registers its pipeline's functions again,
        // which must not land over the new pipeline's.
        close();
        pipeline = new LocalPipeline(cloud, region, account.id());
        String arn = pipeline.deploy();
        fleet = new LocalFleet(cloud, pipeline, region);
        fleet.deploy(LocalFleet.Settings.of(fixture, 5, false));
        fleet.start();
        stateMachineArn = arn;
    }

    /** Stops the fleet's pollers and closes the functions' environment. */
    @Override
    public synchronized void close() {
        if (fleet != null) {
            fleet.close();
            fleet = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
    }

    /** The state machine's ARN, once deployed. */
    public String stateMachineArn() {
        return stateMachineArn;
    }
}
