package dev.pim.cli.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The handlers' metrics when they run in-process on the local cloud: kept in memory (summed by name) instead
 * of written as EMF to a CloudWatch agent that is not there, so the demo and the tests can read them.
 */
public final class RecordingMetrics implements Metrics {
    private final Map<String, Double> totals = new ConcurrentHashMap<>();
    private final List<String> dimensions = new CopyOnWriteArrayList<>();
    private volatile DimensionSet defaults = DimensionSet.of(Map.of());

    public Map<String, Double> totals() {
        return Map.copyOf(totals);
    }

    public double total(String name) {
        return totals.getOrDefault(name, 0.0);
    }

    @Override
    public void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        totals.merge(key, value, Double::sum);
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
        dimensions.add(dimensionSet.getDimensionKeys().toString());
    }

    @Override
    public void setTimestamp(Instant timestamp) {
    }

    @Override
    public void addMetadata(String key, Object value) {
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
        defaults = dimensionSet;
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return defaults;
    }

    @Override
    public void setNamespace(String namespace) {
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
    }

    @Override
    public void clearDefaultDimensions() {
        defaults = DimensionSet.of(Map.of());
    }

    @Override
    public void flush() {
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
    }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
        metricsConsumer.accept(this);
    }

    @Override
    public void flushSingleMetric(String name, double value, MetricUnit unit, String namespace, DimensionSet dimensions) {
        totals.merge(name, value, Double::sum);
    }
}
