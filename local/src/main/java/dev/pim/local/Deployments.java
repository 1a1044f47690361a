package dev.pim.local;

import dev.pim.local.server.DeploymentGate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What has been deployed on one local cloud, to deploy again after each reset, holding other calls meanwhile. */
final class Deployments {
    private final DeploymentGate gate;
    private final List<Deployment> deployed = new CopyOnWriteArrayList<>();

    Deployments(DeploymentGate gate) {
        this.gate = gate;
    }

    /** Runs a deployment while other calls wait, and keeps it for the resets to come. */
    void deploy(LocalCloud cloud, Deployment deployment) {
        gate.hold();
        try {
            deployment.deployOn(cloud);
            deployed.add(deployment);
        } finally {
            gate.release();
        }
    }

    /**
     * Runs {@code reset}, then every deployment again, while other calls wait: none sees the fresh state without what
     * was deployed on it. Synchronized: two resets at once would deploy everything twice over each other.
     */
    synchronized void resetAndRedeploy(LocalCloud cloud, Runnable reset) {
        gate.hold();
        try {
            reset.run();
            deployed.forEach(d -> d.deployOn(cloud));
        } finally {
            gate.release();
        }
    }
}
