package dev.pim.local;

/**
 * Something deployed on the local cloud through its own APIs, as a stack would be (the pipeline's state machine,
 * table, queues, functions and triggers). A reset wipes what it made, so the cloud runs it again after every reset.
 * Its SDK clients add {@link dev.pim.local.server.DeploymentGate#HEADER}: every other call waits until it is done.
 */
@FunctionalInterface
public interface Deployment {

    /** Deploys on {@code cloud}, serving {@link LocalCloud#fixture()}; must not fail for having run before. */
    void deployOn(LocalCloud cloud);
}
