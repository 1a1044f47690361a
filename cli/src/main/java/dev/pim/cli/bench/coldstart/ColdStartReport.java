package dev.pim.cli.bench.coldstart;

import java.util.List;

/** Every function's cold start against a hello-world handler packaged and started the same way. */
public record ColdStartReport(ColdStartRow helloWorld, List<ColdStartRow> functions, int runs, String javaFlags) {}
