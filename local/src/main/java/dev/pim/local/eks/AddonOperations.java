package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.eks.AddonAssociations.Requested;
import dev.pim.local.state.AddonCatalog.AddonInfo;
import dev.pim.local.state.AddonCatalog.AddonVersion;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.ClusterState.EksUpdate;
import dev.pim.local.state.Ids;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Installed add-ons. Create and update start a transition (CREATING / UPDATING) that ends
 * {@code behaviour.addonSettleTime} later in the outcome the fixture set for the add-on in
 * {@code addonOutcomes} (ACTIVE by default); every read applies a transition whose time has come. An add-on
 * in transition refuses further updates with ResourceInUseException, as EKS does.
 */
final class AddonOperations {
    private static final Set<String> IN_TRANSITION = Set.of("CREATING", "UPDATING", "DELETING");
    private static final Set<String> RESOLVE_CONFLICTS = Set.of("OVERWRITE", "NONE", "PRESERVE");
    /** UpdateAddon request members and the {@code UpdateParamType} each is reported as. */
    private static final Map<String, String> UPDATE_PARAMS = Collections.unmodifiableMap(orderedParams());

    ObjectNode listAddons(EksCall call) {
        Page<String> page = call.page(List.copyOf(call.cluster().addons.keySet()));
        ObjectNode response = EksJson.object();
        response.set("addons", EksJson.strings(page.items()));
        page.putNextToken(response);
        return response;
    }

    ObjectNode describeAddon(EksCall call) {
        ClusterState cluster = call.cluster();
        return wrap(cluster, addon(call, cluster, call.label("addonName")));
    }

    ObjectNode createAddon(EksCall call) {
        ClusterState cluster = call.writableCluster();
        String name = call.requiredString("addonName");
        if (cluster.addons.containsKey(name)) {
            throw EksErrors.inUse("Addon already exists.").with("clusterName", cluster.name).with("addonName", name);
        }
        AddonInfo info = AddonVersions.info(call.state, cluster, name);
        AddonVersion version = AddonVersions.resolve(info, call.optionalString("addonVersion"), cluster);
        String roleArn = serviceAccountRoleArn(call);
        validateCommon(call, cluster, info);
        String namespace = AddonWorkloads.namespace(info);
        List<Requested> requested = AddonAssociations.parse(call);
        requested = requested == null ? List.of() : requested;
        AddonAssociations.validate(call, cluster, name, Optional.of(version), null, namespace, requested);

        Instant now = call.now();
        AddonState addon = new AddonState(name, "arn:aws:eks:" + cluster.region + ":" + cluster.accountId + ":addon/"
                + cluster.name + "/" + name + "/" + Ids.uuid(), now);
        addon.version = version.version();
        addon.serviceAccountRoleArn = roleArn;
        addon.configurationValues = call.optionalString("configurationValues");
        addon.tags.putAll(call.tags());
        cluster.addons.put(name, addon);
        AddonAssociations.apply(cluster, addon, namespace, requested, now);
        AddonWorkloads.install(cluster, info, addon, now);
        startTransition(call, cluster, addon, "CREATING");
        return wrap(cluster, addon);
    }

    ObjectNode updateAddon(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AddonState addon = addon(call, cluster, call.label("addonName"));
        if (IN_TRANSITION.contains(addon.status)) {
            throw EksErrors.inUse("Addon " + addon.name + " is in " + addon.status + " status; wait until it leaves"
                    + " it before updating it").with("clusterName", cluster.name).with("addonName", addon.name);
        }
        AddonInfo info = call.state.addonCatalog.get(addon.name).orElse(null);
        Optional<AddonVersion> version = targetVersion(call, cluster, addon, info);
        String roleArn = call.has("serviceAccountRoleArn") ? serviceAccountRoleArn(call) : addon.serviceAccountRoleArn;
        validateCommon(call, cluster, info);
        String namespace = AddonWorkloads.namespace(info);
        List<Requested> requested = AddonAssociations.parse(call);
        if (requested != null) {
            AddonAssociations.validate(call, cluster, addon.name, version, addon, namespace, requested);
        }
        String configurationValues = call.has("configurationValues") ? call.optionalString("configurationValues")
                : addon.configurationValues;
        Map<String, String> params = updateParams(call, requested);
        Instant now = call.now();
        version.ifPresent(v -> addon.version = v.version());
        addon.serviceAccountRoleArn = roleArn;
        addon.configurationValues = configurationValues;
        boolean associationsChanged = requested != null
                && AddonAssociations.apply(cluster, addon, namespace, requested, now);
        applyToWorkloads(cluster, info, addon, associationsChanged, now);
        addon.modifiedAt = now;
        startTransition(call, cluster, addon, "UPDATING");
        EksUpdate update = new EksUpdate(Ids.uuid(), "InProgress", "AddonUpdate", params, now, addon.name);
        cluster.updates.put(update.id(), update);
        ObjectNode response = EksJson.object();
        response.set("update", AddonJson.update(update));
        return response;
    }

    /** The version asked for (checked against the catalog), else the installed one as the catalog knows it. */
    private static Optional<AddonVersion> targetVersion(EksCall call, ClusterState cluster, AddonState addon,
                                                        AddonInfo info) {
        String requested = call.optionalString("addonVersion");
        if (requested == null) {
            return Optional.ofNullable(info).flatMap(i -> i.version(addon.version));
        }
        AddonInfo known = info != null ? info : AddonVersions.info(call.state, cluster, addon.name);
        return Optional.of(AddonVersions.resolve(known, requested, cluster));
    }

    /**
     * Deletes the add-on. Its owned associations go too unless {@code preserve=true}, which also keeps its
     * Kubernetes resources running (as EKS does); the response shows it DELETING, after which it is gone.
     */
    ObjectNode deleteAddon(EksCall call) {
        ClusterState cluster = call.writableCluster();
        AddonState addon = addon(call, cluster, call.label("addonName"));
        boolean preserve = Boolean.parseBoolean(call.query("preserve"));
        ObjectNode response = wrap(cluster, addon);
        AddonAssociations.release(cluster, addon, preserve);
        cluster.addons.remove(addon.name);
        Optional<AddonInfo> info = call.state.addonCatalog.get(addon.name);
        if (!preserve) {
            info.ifPresent(i -> AddonWorkloads.uninstall(cluster, i));
        }
        ((ObjectNode) response.get("addon")).put("status", "DELETING");
        return response;
    }

    /** The state of an UpdateAddon call: in progress until the add-on settles, then its outcome. */
    ObjectNode describeUpdate(EksCall call) {
        ClusterState cluster = call.cluster();
        String id = call.label("updateId");
        EksUpdate update = cluster.updates.get(id);
        String addonName = call.query("addonName");
        if (update == null || (addonName != null && !addonName.equals(update.addonName()))) {
            throw EksErrors.notFound("No update found for ID: " + id).with("clusterName", cluster.name);
        }
        Instant settled = update.createdAt().plus(call.state.behaviour.addonSettleTime);
        if (update.status().equals("InProgress") && !call.now().isBefore(settled)) {
            AddonState addon = cluster.addons.get(update.addonName());
            if (addon != null) {
                addon.settle(call.now());
            }
            boolean failed = addon != null && Set.of("UPDATE_FAILED", "DEGRADED").contains(addon.status);
            update = new EksUpdate(update.id(), failed ? "Failed" : "Successful", update.type(), update.params(),
                    update.createdAt(), update.addonName());
            cluster.updates.put(id, update);
        }
        ObjectNode response = EksJson.object();
        response.set("update", AddonJson.update(update));
        return response;
    }

    /** New pods for changed associations; the IRSA annotation follows the add-on's associations and role. */
    private static void applyToWorkloads(ClusterState cluster, AddonInfo info, AddonState addon,
                                         boolean associationsChanged, Instant now) {
        if (info == null) {
            return;
        }
        boolean annotationsChanged = AddonWorkloads.syncServiceAccounts(cluster, info, addon);
        if (associationsChanged || annotationsChanged) {
            AddonWorkloads.restart(cluster, info, now);
        }
    }

    private static void startTransition(EksCall call, ClusterState cluster, AddonState addon, String status) {
        String outcome = cluster.addonOutcomes.getOrDefault(addon.name, "ACTIVE");
        // One configured failure stands for both verbs: a failed creation is a failed update when updating.
        if (status.equals("UPDATING") && outcome.equals("CREATE_FAILED")) {
            outcome = "UPDATE_FAILED";
        } else if (status.equals("CREATING") && outcome.equals("UPDATE_FAILED")) {
            outcome = "CREATE_FAILED";
        }
        addon.status = status;
        addon.pendingOutcome = outcome;
        addon.settlesAt = call.now().plus(call.state.behaviour.addonSettleTime);
    }

    private static AddonState addon(EksCall call, ClusterState cluster, String name) {
        AddonState addon = cluster.addons.get(name);
        if (addon == null) {
            throw EksErrors.addonNotFound(cluster.name, name);
        }
        addon.settle(call.now());
        return addon;
    }

    /** {@code serviceAccountRoleArn}; an empty string removes it on UpdateAddon. */
    private static String serviceAccountRoleArn(EksCall call) {
        String roleArn = call.optionalString("serviceAccountRoleArn");
        if (roleArn == null || roleArn.isEmpty()) {
            return null;
        }
        PodIdentityRoles.requireRoleArn("serviceAccountRoleArn", roleArn);
        return roleArn;
    }

    private static void validateCommon(EksCall call, ClusterState cluster, AddonInfo info) {
        String resolveConflicts = call.optionalString("resolveConflicts");
        if (resolveConflicts != null && !RESOLVE_CONFLICTS.contains(resolveConflicts)) {
            throw EksErrors.invalidParameter("resolveConflicts must be one of " + RESOLVE_CONFLICTS + ", got "
                    + resolveConflicts).with("clusterName", cluster.name);
        }
        String namespace = call.body().path("namespaceConfig").path("namespace").asText(null);
        if (namespace != null && !namespace.equals(AddonWorkloads.namespace(info))) {
            throw EksErrors.invalidParameter("namespaceConfig: the local EKS installs add-ons only in their default"
                    + " namespace " + AddonWorkloads.namespace(info)).with("clusterName", cluster.name);
        }
    }

    private static Map<String, String> updateParams(EksCall call, List<Requested> requested) {
        Map<String, String> params = new LinkedHashMap<>();
        UPDATE_PARAMS.forEach((member, type) -> {
            if (call.has(member)) {
                params.put(type, call.optionalString(member));
            }
        });
        if (requested != null) {
            params.put("PodIdentityAssociations", EksJson.MAPPER.valueToTree(requested).toString());
        }
        return params;
    }

    private static Map<String, String> orderedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("addonVersion", "AddonVersion");
        params.put("serviceAccountRoleArn", "ServiceAccountRoleArn");
        params.put("configurationValues", "ConfigurationValues");
        params.put("resolveConflicts", "ResolveConflicts");
        return params;
    }

    private static ObjectNode wrap(ClusterState cluster, AddonState addon) {
        ObjectNode response = EksJson.object();
        response.set("addon", AddonJson.addon(cluster, addon));
        return response;
    }
}
