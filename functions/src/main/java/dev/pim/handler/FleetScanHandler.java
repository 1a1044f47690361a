package dev.pim.handler;

import dev.pim.app.FleetWiring;
import dev.pim.fleet.FleetScanner;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scheduled fleet scan (EventBridge Scheduler, or by hand): queues one migration request per selected
 * cluster that still has IRSA bindings to migrate, across the configured regions and accounts.
 */
public final class FleetScanHandler extends JsonHandler<FleetScanHandler.Request, FleetScanner.Result> {
    private static final DateTimeFormatter SCAN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private final Function<HandlerEnvironment, FleetScanner> scanners;

    /**
     * @param source    what started it, e.g. {@code schedule} (the schedule's input)
     * @param requestId names the scan (part of every execution name); default: the current minute
     */
    public record Request(String source, String requestId) {
    }

    public FleetScanHandler() {
        this(HandlerEnvironment::shared);
    }

    public FleetScanHandler(Supplier<HandlerEnvironment> environment) {
        this(environment, env -> FleetWiring.scanner(env.execution()));
    }

    public FleetScanHandler(Supplier<HandlerEnvironment> environment, Function<HandlerEnvironment, FleetScanner> scanners) {
        super(Request.class, environment);
        this.scanners = scanners;
    }

    @Override
    protected FleetScanner.Result handle(Request request, HandlerEnvironment env, Metrics metrics) {
        String scanId = request.requestId() != null ? request.requestId() : "scan-" + SCAN_ID.format(env.clock().instant());
        put("scan", scanId);
        FleetScanner.Result result = scanners.apply(env).scan(scanId, FleetWiring.scanConcurrency(env.execution()));
        metrics.addMetric("ClustersQueued", result.queued(), MetricUnit.COUNT);
        metrics.addMetric("AccountsUnreachable", result.unreachableAccounts().size(), MetricUnit.COUNT);
        return result;
    }
}
