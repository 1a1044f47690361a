package dev.pim.handler;

import dev.pim.migration.plan.BindingClass;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.plan.MigrationPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the Discover state hands the state machine: counts, and what its Maps fan out over (role indexes and add-on
 * names), never the plan itself (it is in the plan store).
 *
 * @param roleIndexes the Map items of the role states: 0..roles-1
 * @param byClass     bindings per class label
 * @param needsAgent  whether anything will use the Pod Identity agent (an association, an add-on): only then is
 *                    it installed
 * @param roleBatches child executions of the role Maps at once ({@link ExecutionLimits#mapConcurrency})
 */
public record DiscoveryResult(int bindings, int migratable, Map<String, Long> byClass, List<Integer> roleIndexes,
                              List<String> addons, boolean changes, boolean needsAgent, int roleBatches) {

    static DiscoveryResult of(MigrationPlan plan, ExecutionLimits limits) {
        Map<String, Long> byClass = new LinkedHashMap<>();
        plan.countsByClass().forEach((c, n) -> byClass.put(c.label(), n));
        return new DiscoveryResult(plan.bindings().size(),
                (int) (long) plan.countsByClass().getOrDefault(BindingClass.MIGRATABLE, 0L), byClass,
                IntStream.range(0, plan.roles().size()).boxed().toList(), plan.addons().stream().map(a -> a.addon()).toList(),
                plan.hasChanges(), plan.createsAssociations(), limits.mapConcurrency());
    }
}
