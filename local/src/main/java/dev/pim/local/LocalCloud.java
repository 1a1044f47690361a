package dev.pim.local;

import dev.pim.local.admin.AdminApi;
import dev.pim.local.admin.AdministeredCloud;
import dev.pim.local.clock.LocalClock;
import dev.pim.local.dynamodb.DynamoDbLocal;
import dev.pim.local.dynamodb.DynamoDbService;
import dev.pim.local.eks.EksAuthService;
import dev.pim.local.eks.EksService;
import dev.pim.local.fault.CallCounters;
import dev.pim.local.fault.FaultInjector;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureApplier;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.iam.IamService;
import dev.pim.local.invariant.InvariantMonitor;
import dev.pim.local.invariant.Violation;
import dev.pim.local.kubernetes.KubernetesApiService;
import dev.pim.local.lambda.EventSourceMappings;
import dev.pim.local.lambdaapi.LambdaApi;
import dev.pim.local.fault.LostResponse;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.CallFaults;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.LocalCloudServer;
import dev.pim.local.server.Operation;
import dev.pim.local.sqs.ElasticMq;
import dev.pim.local.sqs.SqsIdentity;
import dev.pim.local.sqs.SqsService;
import dev.pim.local.state.AddonCatalog;
import dev.pim.local.state.CloudState;
import dev.pim.local.stepfunctions.LocalStepFunctions;
import dev.pim.local.sts.StsService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The local cloud: one HTTP endpoint serving IAM, STS, EKS and every cluster's Kubernetes API from a
 * fixture, DynamoDB (DynamoDB Local, in memory), SQS (ElasticMQ, in memory) and Lambda (Invoke of the in-process
 * handlers the local Step Functions runs), with fault injection and call
 * counters. Start it in-process ({@link #start}) or standalone ({@code ./pim local serve}).
 */
public final class LocalCloud implements AdministeredCloud, AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final Object lock = new Object();
    private final LocalClock clock = new LocalClock();
    private final FaultInjector faults = new FaultInjector();
    private final CallCounters counters = new CallCounters();
    private final InvariantMonitor invariants = new InvariantMonitor();
    private final AddonCatalog builtInCatalog = FixtureApplier.builtInCatalog();
    private final LocalStepFunctions stepFunctions = new LocalStepFunctions(clock);
    private final DynamoDbLocal dynamoDb = new DynamoDbLocal();
    private final ElasticMq sqs = new ElasticMq(this::endpoint, () -> SqsIdentity.of(fixture()), clock);
    private final EventSourceMappings eventSourceMappings =
            new EventSourceMappings(stepFunctions.lambdas(), this::endpoint, clock);
    private final LambdaApi lambdaApi = new LambdaApi(stepFunctions.lambdas(), this::endpoint, this::fixture,
            request -> read(state -> AwsCaller.resolve(state, request)));
    private final LocalCloudServer server;
    private final Deployments deployments;
    private volatile CloudState state;
    private volatile Fixture fixture;

    private LocalCloud(Fixture fixture, String host, int port) throws IOException {
        this.fixture = fixture;
        Map<String, EmulatedService> aws = new LinkedHashMap<>();
        aws.put("iam", new IamService(this::state));
        aws.put("sts", new StsService(this::state));
        aws.put("eks", new EksService(this::state));
        aws.put("eks-auth", new EksAuthService(this::state));
        aws.put("states", stepFunctions.service(this::state));
        aws.put(DynamoDbService.SIGNING_NAME, new DynamoDbService(dynamoDb));
        aws.put(SqsService.SIGNING_NAME, new SqsService(sqs));
        aws.put(LambdaApi.SIGNING_NAME, lambdaApi.service());
        this.server = new LocalCloudServer(host, port, lock, aws, new KubernetesApiService(this::state),
                new AdminApi(this), callFaults(), this::served);
        this.deployments = new Deployments(server.gate());
        this.state = load(fixture);
        invariants.reset(state);
    }

    /** Starts the emulator on {@code port} (0 picks a free one) with a bundled fixture name or a fixture path. */
    public static LocalCloud start(String fixtureNameOrPath, int port) {
        return start(FixtureLoader.load(fixtureNameOrPath), DEFAULT_HOST, port);
    }

    public static LocalCloud start(Fixture fixture, String host, int port) {
        return start(fixture, host, port, List.of());
    }

    /**
     * Starts the emulator with {@code deployments} deployed on it before it answers any other call (they need it
     * listening: they deploy through its APIs); each is deployed again after every reset.
     */
    public static LocalCloud start(Fixture fixture, String host, int port, List<Deployment> deployments) {
        LocalCloud cloud;
        try {
            cloud = new LocalCloud(fixture, host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local cloud on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        cloud.server.gate().hold();
        try {
            cloud.server.start();
            synchronized (cloud.lock) {
                cloud.state.baseUrl = cloud.endpoint().toString();
            }
            deployments.forEach(cloud::deploy);
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        } finally {
            cloud.server.gate().release();
        }
        return cloud;
    }

    /** Deploys on the running cloud while other calls wait, and again after every reset. */
    public void deploy(Deployment deployment) {
        deployments.deploy(this, deployment);
    }

    public URI endpoint() {
        return URI.create("http://" + DEFAULT_HOST + ":" + server.port());
    }

    public int port() {
        return server.port();
    }

    /** Reads the state consistently (under the lock that requests take). */
    public <T> T read(Function<CloudState, T> reader) {
        synchronized (lock) {
            return reader.apply(state);
        }
    }

    /**
     * Changes the state directly, as a test arranging a situation would: the result is the invariant monitor's new
     * starting point.
     */
    public void write(Consumer<CloudState> writer) {
        synchronized (lock) {
            writer.accept(state);
            invariants.rebaseline(state);
        }
    }

    /**
     * Back to the fixture's state, with no faults, zeroed counters, the clock back to wall time, no DynamoDB
     * table, no SQS queue and no event source mapping but those that {@link #deploy deployments} make again.
     */
    @Override
    public void reset() {
        reset(fixture);
    }

    /** Replaces the whole state with another fixture's, then deploys again what was deployed. */
    public void reset(Fixture newFixture) {
        // Outside the lock: stopping waits for a batch or an asynchronous invocation in progress, whose handler may be
        // calling the local cloud.
        eventSourceMappings.reset();
        lambdaApi.reset();
        deployments.resetAndRedeploy(this, () -> {
            synchronized (lock) {
                faults.reset();
                counters.reset();
                clock.reset();
                stepFunctions.reset();
                dynamoDb.reset();
                sqs.reset();
                fixture = newFixture;
                state = load(newFixture);
                invariants.reset(state);
            }
        });
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public CallCounters counters() {
        return counters;
    }

    /** The migration's promises, checked after every mutating call (see {@link InvariantMonitor}). */
    @Override
    public InvariantMonitor invariants() {
        return invariants;
    }

    /** Evaluates the invariants now, as at the end of a command (see {@link InvariantMonitor#check}). */
    @Override
    public List<Violation> checkInvariants() {
        synchronized (lock) {
            return invariants.check(state);
        }
    }

    /** Takes the current state as the invariant monitor's starting point (after arranging it through the APIs). */
    @Override
    public void rebaselineInvariants() {
        synchronized (lock) {
            invariants.rebaseline(state);
        }
    }

    /** After each mutating IAM, EKS or Kubernetes call: the cluster-facing services the invariants are about. */
    private void served(Operation operation, HttpRequest request) {
        switch (operation.service()) {
            case "iam", "eks", "k8s" -> invariants.afterMutation(state, operation, request);
            default -> {
            }
        }
    }

    @Override
    public LocalClock clock() {
        return clock;
    }

    /** The local Step Functions: register Lambda handlers, follow executions. */
    public LocalStepFunctions stepFunctions() {
        return stepFunctions;
    }

    /** SQS event source mappings: queues feeding the Lambda handlers registered with {@link #stepFunctions()}. */
    public EventSourceMappings eventSourceMappings() {
        return eventSourceMappings;
    }

    /** The Lambda API over the same functions: waits for asynchronous invocations. */
    public LambdaApi lambdaApi() {
        return lambdaApi;
    }

    public Fixture fixture() {
        return fixture;
    }

    @Override
    public String fixtureDescription() {
        return String.valueOf(fixture.description());
    }

    /** The server's view of the counters and the fault injector. */
    private CallFaults callFaults() {
        return new CallFaults() {
            @Override
            public void count(Operation operation) {
                counters.record(operation);
            }

            @Override
            public void beforeCall(Operation operation) {
                faults.beforeCall(operation);
            }

            @Override
            public Duration latencyFor(Operation operation) {
                return faults.latencyFor(operation);
            }

            @Override
            public void afterSuccess(Operation operation) {
                faults.afterSuccess(operation);
            }

            @Override
            public Optional<LostAnswer> answerLost(Operation operation) {
                return faults.responseLost(operation).map(mode -> mode == LostResponse.Mode.DROP ? LostAnswer.DROP : LostAnswer.ERROR);
            }
        };
    }

    private CloudState state() {
        return state;
    }

    private CloudState load(Fixture f) {
        CloudState fresh = new CloudState(clock::now);
        if (server != null) {
            fresh.baseUrl = endpoint().toString();
        }
        FixtureApplier.apply(f, builtInCatalog, fresh);
        return fresh;
    }

    @Override
    public void close() {
        eventSourceMappings.close();
        lambdaApi.close();
        stepFunctions.close();
        server.close();
        dynamoDb.close();
        sqs.close();
    }
}
