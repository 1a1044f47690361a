package dev.pim.local.lambda;

import dev.pim.local.clock.LocalClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The local cloud's Lambda event source mappings: SQS queues feeding in-process handler classes, as Lambda's SQS
 * trigger feeds a function. The functions are the local Step Functions' ({@code stepFunctions().lambdas()}): one
 * handler instance per function, whichever invokes it. Handlers find the local cloud through the SDK's system
 * properties, set before each invocation exactly as for Step Functions tasks ({@link LambdaEnvironment}).
 *
 * <pre>
 * SqsEventSourceMapping dispatcher = cloud.eventSourceMappings().create(
 *         SqsTrigger.of(queueUrl, "Dispatcher").withReportBatchItemFailures(true), DispatcherHandler.class);
 * dispatcher.drain(Duration.ofSeconds(30));   // in a test; or start() / stop()
 * </pre>
 *
 * <p>The mappings poll through the local cloud's endpoint like any client, so their calls are counted, and faults
 * reach them (a background poller backs off and retries). Only the queue lookup of {@link #create} is setup, like a
 * deployment's calls: neither held, counted nor faulted.
 */
public final class EventSourceMappings implements AutoCloseable {
    private final LambdaRegistry functions;
    private final Supplier<URI> endpoint;
    private final LocalClock clock;
    private final List<SqsEventSourceMapping> mappings = new CopyOnWriteArrayList<>();
    private SqsClient sqs;

    /**
     * @param functions the registered functions mappings may invoke
     * @param endpoint  the local cloud's endpoint
     * @param clock     the emulator's clock, which drains move over visibility timeouts
     */
    public EventSourceMappings(LambdaRegistry functions, Supplier<URI> endpoint, LocalClock clock) {
        this.functions = functions;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * A mapping, stopped, from the queue to a registered function.
     *
     * @throws IllegalArgumentException when the function is not registered or the queue does not exist
     */
    public SqsEventSourceMapping create(SqsTrigger trigger) {
        if (functions.find(trigger.functionName()).isEmpty()) {
            throw new IllegalArgumentException("Function not found: " + trigger.functionName()
                    + " (register it with stepFunctions().lambdas(), or pass its handler class)");
        }
        LambdaEnvironment environment = environment();
        SqsQueue queue = SqsQueue.open(client(environment), trigger.queueUrl());
        String id = UUID.randomUUID().toString();
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(id, trigger, queue,
                new BatchRunner(queue, trigger, functions, environment, id), clock);
        mappings.add(mapping);
        return mapping;
    }

    /** Registers {@code handlerClass} as the trigger's function, then creates the mapping. */
    public SqsEventSourceMapping create(SqsTrigger trigger, Class<?> handlerClass) {
        functions.register(trigger.functionName(), handlerClass);
        return create(trigger);
    }

    public List<SqsEventSourceMapping> list() {
        return List.copyOf(mappings);
    }

    /** Stops the mapping and forgets it. */
    public void delete(SqsEventSourceMapping mapping) {
        mapping.stop();
        mappings.remove(mapping);
    }

    /**
     * Stops and forgets every mapping. Call it without holding the local cloud's state lock: a batch in progress
     * may be calling the local cloud.
     */
    public void reset() {
        mappings.forEach(SqsEventSourceMapping::stop);
        mappings.clear();
    }

    @Override
    public void close() {
        reset();
        synchronized (this) {
            if (sqs != null) {
                sqs.close();
                sqs = null;
            }
        }
    }

    private LambdaEnvironment environment() {
        return LambdaEnvironment.localCloud(endpoint.get().toString());
    }

    /** The pollers' client; the local SQS answers in every region alike, so the signing region does not matter. */
    private synchronized SqsClient client(LambdaEnvironment environment) {
        if (sqs == null) {
            sqs = SqsClient.builder()
                    .endpointOverride(endpoint.get())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            environment.accessKeyId(), environment.secretAccessKey())))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return sqs;
    }
}
