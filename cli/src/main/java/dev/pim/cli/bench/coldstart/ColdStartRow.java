package dev.pim.cli.bench.coldstart;

/** One function's cold start: JVM start to first response, median over runs. */
public record ColdStartRow(String function, String handler, boolean usesKubernetes, long packageBytes,
        double medianMillis, long classesLoaded) {}
