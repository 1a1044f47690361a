package dev.pim.migration.apply;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.discovery.AssociationReader;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.PodInfo;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.plan.AddonPlan;
import dev.pim.migration.plan.Binding;
import dev.pim.migration.port.AssociationQuotaReachedException;
import dev.pim.migration.port.RoleNotYetUsableException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves an add-on's service accounts to Pod Identity through {@code UpdateAddon}, so the associations are
 * owned by the add-on (an add-on cannot adopt standalone ones), keeping the associations it already owns,
 * then waits for the add-on to be ACTIVE again.
 */
public final class AddonSteps {
    private final StepContext ctx;
    private final Map<String, AssociationInfo> knownAssociations;

    public AddonSteps(StepContext ctx) {
        this(ctx, new ConcurrentHashMap<>());
    }

    /** @param knownAssociations associations by id this run already described: not described again */
    public AddonSteps(StepContext ctx, Map<String, AssociationInfo> knownAssociations) {
        this.ctx = ctx;
        this.knownAssociations = knownAssociations;
    }

    /** Starts the update and waits for it to settle (the CLI's way). */
    public StepResult migrate(String runId, AddonPlan plan, Duration timeout) {
        StepResult started = start(runId, plan);
        return started.result() == StepResult.Result.DONE ? waitUntilActive(plan.addon(), timeout) : started;
    }

    /**
     * Starts {@code UpdateAddon} unless the add-on already owns every planned association (then UNCHANGED) or is
     * still busy with an update (then SKIPPED: poll again). DONE means an update was started; the pipeline's
     * Wait/Choice loop polls {@link #status}.
     */
    public StepResult start(String runId, AddonPlan plan) {
        Optional<AddonInfo> addon = ctx.eks().addon(plan.addon());
        if (addon.isEmpty()) {
            return StepResult.failed("addon", plan.addon(), "the add-on is no longer installed");
        }
        Map<String, String> current = ownedAssociations(addon.get());
        if (current.entrySet().containsAll(plan.associationsAfter().entrySet())) {
            return StepResult.unchanged("addon", plan.addon(), "already owns " + plan.associationsAfter().keySet());
        }
        if (!addon.get().status().equals("ACTIVE")) {
            return StepResult.skipped("addon", plan.addon(), "the add-on is " + addon.get().status() + "; try again once it settles");
        }
        Map<String, String> merged = new LinkedHashMap<>(current);
        merged.putAll(plan.associationsAfter());
        Map<String, String> annotations = new LinkedHashMap<>();
        for (String sa : merged.keySet()) {
            ctx.kubernetes().serviceAccount(new ServiceAccountRef(plan.namespace(), sa))
                    .map(ServiceAccountInfo::roleArnAnnotation)
                    .ifPresent(value -> annotations.put(sa, value));
        }
        ctx.journal().append(runId, new JournalEntry.AddonAssociationsSet(ctx.clock().instant(), plan.addon(),
                addon.get().version(), current, merged, annotations));
        try {
            ctx.eks().updateAddonAssociations(plan.addon(), addon.get().version(), merged);
        } catch (RoleNotYetUsableException e) {
            return StepResult.failed("addon", plan.addon(), "EKS still refuses the role after waiting for IAM: " + e.getMessage());
        } catch (AssociationQuotaReachedException e) {
            return StepResult.failed("addon", plan.addon(), AssociationSteps.QUOTA_REACHED + " (" + e.getMessage()
                    + "): the add-on's service accounts stay on IRSA; make room (delete unused associations) and run again");
        } catch (RuntimeException e) {
            return StepResult.failed("addon", plan.addon(), "UpdateAddon failed: " + e.getMessage());
        }
        return StepResult.done("addon", plan.addon(), "UpdateAddon with " + merged.keySet());
    }

    /**
     * Clears the IRSA role ({@code serviceAccountRoleArn}) of every add-on whose service accounts are all on Pod
     * Identity: the association with their role exists and every pod of theirs runs with the Pod Identity
     * environment. Any other add-on keeps it (it is still its pods' working path).
     *
     * @param wait how long to wait for each add-on to settle, or null to only start the update (the pipeline)
     */
    public List<StepResult> clearRoles(String runId, List<Binding> bindings, Duration wait) {
        Map<String, List<Binding>> byAddon = new TreeMap<>();
        bindings.stream().filter(b -> b.addon() != null && b.onPodIdentity())
                .forEach(b -> byAddon.computeIfAbsent(b.addon(), k -> new ArrayList<>()).add(b));
        if (byAddon.isEmpty()) {
            return List.of();
        }
        Map<ServiceAccountRef, AssociationInfo> associations = new HashMap<>();
        new AssociationReader(ctx.eks(), 1).read(knownAssociations).forEach(a -> associations.put(a.serviceAccount(), a));
        List<PodInfo> pods = ctx.kubernetes().pods();
        List<StepResult> out = new ArrayList<>();
        byAddon.forEach((name, ofAddon) -> {
            StepResult result = clearRole(runId, name, ofAddon, associations, pods, wait);
            out.add(result);
            ctx.progress().item(result);
        });
        return out;
    }

    private StepResult clearRole(String runId, String name, List<Binding> bindings,
                                 Map<ServiceAccountRef, AssociationInfo> associations, List<PodInfo> pods, Duration wait) {
        Optional<AddonInfo> addon = ctx.eks().addon(name);
        if (addon.isEmpty()) {
            return StepResult.skipped("addon-role", name, "the add-on is no longer installed");
        }
        if (!addon.get().usesIrsa()) {
            return StepResult.unchanged("addon-role", name, "no serviceAccountRoleArn");
        }
        for (Binding b : bindings) {
            String expected = b.associationRoleArn() != null ? b.associationRoleArn() : b.roleArn();
            AssociationInfo a = associations.get(b.serviceAccount());
            if (a == null || !expected.equals(a.roleArn())) {
                return StepResult.skipped("addon-role", name, "kept serviceAccountRoleArn: " + b.serviceAccount()
                        + " has no association with its role yet");
            }
            long notMoved = pods.stream().filter(p -> p.namespace().equals(b.serviceAccount().namespace())
                    && p.serviceAccount().equals(b.serviceAccount().name()) && !p.hasPodIdentityEnvironment()).count();
            if (notMoved > 0) {
                return StepResult.skipped("addon-role", name, "kept serviceAccountRoleArn: " + notMoved + " pod(s) of "
                        + b.serviceAccount() + " still use IRSA");
            }
        }
        if (!addon.get().status().equals("ACTIVE")) {
            return StepResult.skipped("addon-role", name, "kept serviceAccountRoleArn: the add-on is " + addon.get().status()
                    + "; run again once it settles");
        }
        ctx.journal().append(runId, new JournalEntry.AddonRoleCleared(ctx.clock().instant(), name,
                addon.get().serviceAccountRoleArn()));
        try {
            ctx.eks().setAddonServiceAccountRole(name, null);
        } catch (RuntimeException e) {
            return StepResult.failed("addon-role", name, "UpdateAddon (serviceAccountRoleArn cleared) failed: " + e.getMessage());
        }
        if (wait == null) {
            return StepResult.done("addon-role", name, "serviceAccountRoleArn " + addon.get().serviceAccountRoleArn() + " cleared");
        }
        StepResult settled = waitUntilActive(name, wait);
        return settled.failed() ? StepResult.failed("addon-role", name, settled.detail())
                : StepResult.done("addon-role", name, "serviceAccountRoleArn " + addon.get().serviceAccountRoleArn()
                + " cleared; ACTIVE");
    }

    /**
     * Waits for the add-on updates that cleared an IRSA role without waiting ({@link MigrationRun#withoutWaiting},
     * the pipeline's RemoveAnnotations) to settle, each up to {@code wait}.
     *
     * @return a failure for each one that ended other than ACTIVE or did not settle in time: the clearing was
     *         reported done when EKS accepted it, this is how it ended
     */
    public List<StepResult> settleClearedRoles(List<JournalEntry> runEntries, Duration wait) {
        List<StepResult> failed = new ArrayList<>();
        runEntries.stream().filter(e -> e instanceof JournalEntry.AddonRoleCleared)
                .map(e -> ((JournalEntry.AddonRoleCleared) e).addonName()).distinct().forEach(name -> {
                    StepResult settled = waitUntilActive(name, wait);
                    if (settled.failed()) {
                        failed.add(StepResult.failed("addon-role", name, "serviceAccountRoleArn cleared by UpdateAddon, "
                                + "but the update did not settle: " + settled.detail()));
                    }
                });
        return failed;
    }

    /** The add-on's status now ({@code MISSING} when it is gone). */
    public String status(String name) {
        return ctx.eks().addon(name).map(AddonInfo::status).orElse("MISSING");
    }

    /** Polls the add-on until its update settles: ACTIVE, or a failed/degraded state. */
    public StepResult waitUntilActive(String name, Duration timeout) {
        Instant deadline = ctx.clock().instant().plus(timeout);
        while (true) {
            String status = status(name);
            if (status.equals("ACTIVE")) {
                return StepResult.done("addon", name, "associations set; ACTIVE");
            }
            if (!status.equals("UPDATING") && !status.equals("CREATING")) {
                return StepResult.failed("addon", name, "the add-on is " + status + " after UpdateAddon");
            }
            if (!ctx.clock().instant().isBefore(deadline)) {
                return StepResult.failed("addon", name, "still " + status + " after " + timeout);
            }
            ctx.sleeper().sleep(ctx.poll());
        }
    }

    /** The add-on's owned associations as service account → role. */
    private Map<String, String> ownedAssociations(AddonInfo addon) {
        Map<String, String> out = new LinkedHashMap<>();
        // Only the add-on's own associations: described by the ids their ARNs end with, not the cluster's whole list.
        for (String arn : addon.podIdentityAssociationArns()) {
            String id = arn.substring(arn.lastIndexOf('/') + 1);
            Optional.ofNullable(knownAssociations.get(id)).or(() -> ctx.eks().describeAssociation(id))
                    .filter(a -> a.ownedByAddon() && arn.equals(a.arn()))
                    .ifPresent(a -> out.put(a.serviceAccount().name(), a.roleArn()));
        }
        return out;
    }
}
