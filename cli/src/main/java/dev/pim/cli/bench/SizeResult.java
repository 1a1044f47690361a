package dev.pim.cli.bench;

import java.util.List;

/** One generated cluster and each path's run of it. */
public record SizeResult(int bindings, int serviceAccounts, int roles, List<String> irsaAddons, CallFloor floor,
                         int phases, List<PathResult> paths) {
}
