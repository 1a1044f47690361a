package dev.pim.local.sqs;

import dev.pim.local.clock.LocalClock;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.http.scaladsl.Http;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.Option;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * One running ElasticMQ: in memory, on a free port of 127.0.0.1 only, with SQS's strict limits. The queue URLs it
 * hands out name the local cloud's endpoint (its "node address"), not its own, so that clients which send requests
 * to a queue URL's host still come through the local cloud; its queues keep time by the emulator's clock.
 *
 * <p>Built with our own actor system and queue manager (rather than letting the builder make them) because that
 * is the only way to give ElasticMQ another clock.
 */
final class ElasticMqInstance implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final FiniteDuration STOP_TIMEOUT = FiniteDuration.apply(30, TimeUnit.SECONDS);
    /**
     * How long calls in flight get to finish when it stops. ElasticMQ's own stop waits a minute for them; a long
     * poll would hold a reset for up to 20 seconds.
     */
    private static final FiniteDuration IN_FLIGHT_GRACE = FiniteDuration.apply(100, TimeUnit.MILLISECONDS);

    private final ActorSystem actors;
    private final Http.ServerBinding binding;
    private final URI endpoint;

    private ElasticMqInstance(ActorSystem actors, Http.ServerBinding binding) {
        this.actors = actors;
        this.binding = binding;
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + binding.localAddress().getPort());
    }

    /**
     * @param publicEndpoint the local cloud's endpoint, which queue URLs start with
     */
    static ElasticMqInstance start(URI publicEndpoint, SqsIdentity identity, LocalClock clock) {
        ActorSystem actors = ActorSystem.create("elasticmq");
        try {
            EmulatorTime time = new EmulatorTime(clock);
            ActorRef queues = actors.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(time, StrictSQSLimits$.MODULE$, Option.empty())));
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                    .withQueueManagerActor(queues)
                    .withInterface(LOOPBACK)
                    .withPort(0)
                    .withServerAddress(new NodeAddress(publicEndpoint.getScheme(), publicEndpoint.getHost(),
                            publicEndpoint.getPort(), ""))
                    .withSQSLimits(StrictSQSLimits$.MODULE$)
                    .withAWSAccountId(identity.accountId())
                    .withAWSRegion(identity.region())
                    .start();
            return new ElasticMqInstance(actors, server.waitUntilStarted());
        } catch (RuntimeException | LinkageError e) {
            terminate(actors);
            throw new IllegalStateException("cannot start ElasticMQ on " + LOOPBACK + ": " + e, e);
        }
    }

    /** Where ElasticMQ itself listens (private to the local cloud). */
    URI endpoint() {
        return endpoint;
    }

    /**
     * Stops the server and its actors; the queues and their messages go with them. A call still in flight after
     * {@link #IN_FLIGHT_GRACE} is answered 503 by the server going down (clients retry that).
     */
    @Override
    public void close() {
        try {
            Await.result(binding.terminate(IN_FLIGHT_GRACE), STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Already unbound, or slow to: the actor system below is all that is left to stop.
        }
        terminate(actors);
    }

    private static void terminate(ActorSystem actors) {
        actors.terminate();
        try {
            Await.result(actors.whenTerminated(), STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out: its port is already unbound and nothing else can be done about its threads.
        }
    }
}
