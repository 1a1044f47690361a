package dev.pim.local.eks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.AddonCatalog.AddonInfo;
import dev.pim.local.state.AddonCatalog.AddonVersion;
import dev.pim.local.state.AddonCatalog.PodIdentityServiceAccount;

import java.util.List;

/**
 * What EKS offers before anything is installed: DescribeAddonVersions and DescribeAddonConfiguration, where
 * {@code podIdentityConfiguration} tells which service accounts of an add-on version can use Pod Identity
 * (none: the version does not support it).
 */
final class AddonCatalogOperations {
    /** A permissive JSON schema: the emulator does not validate configuration values. */
    private static final String CONFIGURATION_SCHEMA = "{\"$schema\":\"http://json-schema.org/draft-06/schema#\","
            + "\"type\":\"object\",\"additionalProperties\":true,\"properties\":{}}";

    ObjectNode describeAddonVersions(EksCall call) {
        String kubernetesVersion = call.query("kubernetesVersion");
        String addonName = call.query("addonName");
        List<String> types = call.queryList("types");
        List<String> publishers = call.queryList("publishers");
        List<String> owners = call.queryList("owners");
        List<AddonInfo> matching = call.state.addonCatalog.all().stream()
                .filter(info -> addonName == null || info.name().equals(addonName))
                .filter(info -> types.isEmpty() || types.contains(info.type()))
                .filter(info -> publishers.isEmpty() || publishers.contains(info.publisher()))
                .filter(info -> owners.isEmpty() || owners.contains(info.owner()))
                .filter(info -> !versionsFor(info, kubernetesVersion).isEmpty())
                .toList();
        Page<AddonInfo> page = call.page(matching);
        ObjectNode response = EksJson.object();
        ArrayNode addons = response.putArray("addons");
        page.items().forEach(info -> addons.add(
                AddonJson.addonInfo(info, versionsFor(info, kubernetesVersion), kubernetesVersion)));
        page.putNextToken(response);
        return response;
    }

    ObjectNode describeAddonConfiguration(EksCall call) {
        String addonName = requiredQuery(call, "addonName");
        String addonVersion = requiredQuery(call, "addonVersion");
        AddonInfo info = call.state.addonCatalog.get(addonName).orElseThrow(() -> EksErrors.notFound(
                "Addon " + addonName + " specified is not supported").with("addonName", addonName));
        AddonVersion version = info.version(addonVersion).orElseThrow(() -> EksErrors.notFound(
                "Addon version " + addonVersion + " specified is not supported for addon " + addonName)
                .with("addonName", addonName));
        ObjectNode response = EksJson.object().put("addonName", addonName).put("addonVersion", addonVersion)
                .put("configurationSchema", CONFIGURATION_SCHEMA);
        ArrayNode podIdentity = response.putArray("podIdentityConfiguration");
        for (PodIdentityServiceAccount sa : version.podIdentity()) {
            ObjectNode item = podIdentity.addObject().put("serviceAccount", sa.serviceAccount());
            item.set("recommendedManagedPolicies", EksJson.strings(sa.recommendedManagedPolicies()));
        }
        return response;
    }

    private static List<AddonVersion> versionsFor(AddonInfo info, String kubernetesVersion) {
        return info.versions().stream()
                .filter(v -> kubernetesVersion == null || AddonVersions.compatible(v, kubernetesVersion))
                .toList();
    }

    private static String requiredQuery(EksCall call, String name) {
        String value = call.query(name);
        if (value == null || value.isEmpty()) {
            throw EksErrors.missing(name);
        }
        return value;
    }
}
