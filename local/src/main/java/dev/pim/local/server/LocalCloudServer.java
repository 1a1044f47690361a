package dev.pim.local.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single HTTP endpoint of the local cloud. It finds the service a request is for (the SigV4 signing
 * scope names it; {@code /k8s/...} is a cluster's Kubernetes API; {@code /_pim/...} is the admin API),
 * counts the call, applies injected faults, then serves it while holding the state lock (unless the operation
 * touches no emulator state: DynamoDB is proxied to DynamoDB Local without it); a lost-response fault may then
 * replace the answer with an internal error or drop the connection.
 */
public final class LocalCloudServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // Without TCP_NODELAY, headers and body go out in two segments and Nagle's algorithm meets the client's
        // delayed ACK: every call then costs ~40 ms. Read once by the JDK server, so set before the first one.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
    private final HttpServer server;
    private final ExecutorService executor;
    private final Object stateLock;
    private final Map<String, EmulatedService> awsServicesBySigningName;
    private final EmulatedService kubernetes;
    private final EmulatedService admin;
    private final CallFaults faults;
    private final MutationListener afterMutation;
    private final DeploymentGate gate = new DeploymentGate();

    /** Told of every mutating call a service served successfully, while the state lock is still held. */
    @FunctionalInterface
    public interface MutationListener {
        void served(Operation operation, HttpRequest request);
    }

    /**
     * @param awsServicesBySigningName e.g. {@code iam}, {@code sts}, {@code eks}: the service name in the
     *                                 SigV4 credential scope
     */
    public LocalCloudServer(String host, int port, Object stateLock, Map<String, EmulatedService> awsServicesBySigningName,
                            EmulatedService kubernetes, EmulatedService admin, CallFaults faults,
                            MutationListener afterMutation) throws IOException {
        this.stateLock = stateLock;
        this.awsServicesBySigningName = Map.copyOf(awsServicesBySigningName);
        this.kubernetes = kubernetes;
        this.admin = admin;
        this.faults = faults;
        this.afterMutation = afterMutation;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Holds every call but the admin API's and a deployment's own while something is being deployed. */
    public DeploymentGate gate() {
        return gate;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        HttpResponse response;
        try (InputStream in = exchange.getRequestBody()) {
            HttpRequest request = HttpRequest.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), in.readAllBytes());
            response = serve(request);
        } catch (DroppedConnection e) {
            // Closed before any header was sent, the exchange closes the connection: the client reads end of stream.
            // The IOException then makes the JDK server forget the connection, as after any failed exchange.
            exchange.close();
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            response = jsonError(500, "InternalFailure", "emulator error: " + e);
        }
        write(exchange, response);
    }

    /**
     * Serves one request; public so that in-process callers (the local Step Functions) share the path.
     *
     * @throws DroppedConnection when a lost-response fault wants no answer at all
     */
    public HttpResponse serve(HttpRequest request) {
        List<String> segments = request.segments();
        if (!segments.isEmpty() && segments.get(0).equals("_pim")) {
            return serveUncounted(admin, request);
        }
        EmulatedService service;
        if (!segments.isEmpty() && segments.get(0).equals("k8s")) {
            service = kubernetes;
        } else {
            service = awsService(request);
            if (service == null) {
                return jsonError(400, "UnknownServiceException",
                        "the local cloud cannot tell which AWS service this request is for: sign it with SigV4");
            }
        }
        if (DeploymentGate.isDeploymentCall(request)) {
            // The emulator's own setup, like the admin API: neither held, counted nor faulted.
            return serveUncounted(service, request);
        }
        Operation operation;
        try {
            gate.awaitOpen();
            operation = service.route(request);
        } catch (ApiError e) {
            return service.render(e, request);
        }
        faults.count(operation);
        try {
            faults.beforeCall(operation);
            sleep(faults.latencyFor(operation));
            HttpResponse response = runHandler(operation, request);
            if (response.status() < 400) {
                faults.afterSuccess(operation);
                Optional<CallFaults.LostAnswer> lost = faults.answerLost(operation);
                if (lost.isPresent()) {
                    return lose(lost.get(), operation, service, request);
                }
            }
            return response;
        } catch (ApiError e) {
            return service.render(e, request);
        }
    }

    /** The answer to an applied call, lost: the service's own internal error, or no answer at all. */
    private static HttpResponse lose(CallFaults.LostAnswer mode, Operation operation, EmulatedService service,
                                     HttpRequest request) {
        if (mode == CallFaults.LostAnswer.DROP) {
            throw new DroppedConnection(operation.key());
        }
        return service.render(new ApiError(ApiError.Kind.INJECTED, null, 0,
                "injected: " + operation.key() + " was applied but its response lost"), request);
    }

    private HttpResponse runHandler(Operation operation, HttpRequest request) {
        if (!operation.needsStateLock()) {
            return operation.handler().handle();
        }
        synchronized (stateLock) {
            HttpResponse response = operation.handler().handle();
            if (operation.mutating() && response.status() < 400) {
                afterMutation.served(operation, request);
            }
            return response;
        }
    }

    private HttpResponse serveUncounted(EmulatedService service, HttpRequest request) {
        try {
            return runHandler(service.route(request), request);
        } catch (ApiError e) {
            return service.render(e, request);
        }
    }

    private EmulatedService awsService(HttpRequest request) {
        String signingName = SigningScope.of(request).map(SigningScope::service).orElse(null);
        if (signingName == null) {
            // Unsigned calls exist only for STS web-identity/SAML federation.
            String action = request.form().getOrDefault("Action", List.of("")).get(0);
            signingName = action.startsWith("AssumeRoleWith") ? "sts" : null;
        }
        return signingName == null ? null : awsServicesBySigningName.get(signingName);
    }

    private static void write(HttpExchange exchange, HttpResponse response) throws IOException {
        // A service that put a request id in its body sets the header too; keep the two equal.
        String requestId = response.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("x-amzn-RequestId")).map(Map.Entry::getValue)
                .findFirst().orElse(UUID.randomUUID().toString());
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.getResponseHeaders().set("x-amz-request-id", requestId);
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        exchange.close();
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "local-cloud-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static HttpResponse jsonError(int status, String type, String message) {
        return HttpResponse.json(status, JSON.createObjectNode().put("__type", type).put("message", message).toString());
    }
}
