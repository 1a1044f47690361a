package dev.pim.migration.association;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.ServiceAccountRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an eksctl ClusterConfig document (already parsed from YAML or JSON) into a {@link ClusterConfig}. Every
 * field of {@code iam.podIdentityAssociations[]} is checked; the other sections of a ClusterConfig that eksctl knows
 * (node groups, add-ons, VPC...) are left alone so that the file {@code eksctl create cluster} takes works here too;
 * anything else is an unknown field. Errors name the file, the path in the document and the reason.
 */
public final class ClusterConfigReader {
    static final String API_VERSION = "eksctl.io/v1alpha5";
    private static final Set<String> TOP_LEVEL = Set.of("apiVersion", "kind", "metadata", "iam");
    /** ClusterConfig sections eksctl defines that association commands do not use. */
    private static final Set<String> OTHER_EKSCTL_SECTIONS = Set.of("vpc", "nodeGroups", "managedNodeGroups",
            "fargateProfiles", "addons", "addonsConfig", "cloudWatch", "secretsEncryption", "availabilityZones",
            "accessConfig", "autoModeConfig", "kubernetesNetworkConfig", "gitops", "karpenter", "outpost",
            "privateCluster", "zonalShiftConfig", "localZones", "remoteNetworkConfig", "identityProviders");
    private static final Set<String> METADATA = Set.of("name", "region", "version", "tags", "annotations", "accountID");
    private static final Set<String> IAM = Set.of("podIdentityAssociations", "withOIDC", "serviceAccounts",
            "serviceRoleARN", "serviceRolePermissionsBoundary", "fargatePodExecutionRoleARN",
            "fargatePodExecutionRolePermissionsBoundary", "vpcResourceControllerPolicy");
    private static final Set<String> ASSOCIATION = Set.of("namespace", "serviceAccountName", "roleARN", "roleName",
            "permissionPolicyARNs", "permissionPolicy", "wellKnownPolicies", "permissionsBoundaryARN", "tags");
    /** eksctl fields of an association that pim does not implement: refused by name rather than ignored. */
    private static final Set<String> UNSUPPORTED = Set.of("createServiceAccount", "targetRoleARN",
            "disableSessionTags", "policy");
    private static final String ENTRIES = "iam.podIdentityAssociations";

    private final String file;

    private ClusterConfigReader(String file) {
        this.file = file;
    }

    /**
     * @param file           the file's name, for messages
     * @param fallbackRegion the command line's region, used when {@code metadata.region} is absent (may be null)
     * @throws AssociationInputException naming the file, the path in the document and the reason
     */
    public static ClusterConfig read(JsonNode document, String file, Purpose purpose, String fallbackRegion) {
        return new ClusterConfigReader(file).read(document, purpose, fallbackRegion);
    }

    private ClusterConfig read(JsonNode document, Purpose purpose, String fallbackRegion) {
        if (document == null || !document.isObject()) {
            throw error("(document)", "not a ClusterConfig: expected a mapping with apiVersion, kind, metadata and iam");
        }
        knownFields(document, "", TOP_LEVEL, OTHER_EKSCTL_SECTIONS);
        requireValue(document, "apiVersion", API_VERSION);
        requireValue(document, "kind", "ClusterConfig");
        JsonNode metadata = mapping(document, "metadata", "metadata", true);
        knownFields(metadata, "metadata.", METADATA, Set.of());
        String cluster = text(metadata, "name", "metadata.name", true);
        if (!ClusterRef.isClusterName(cluster)) {
            throw error("metadata.name", "'" + cluster + "' is not an EKS cluster name (letters, digits, - and _, "
                    + "starting with a letter or digit)");
        }
        String region = text(metadata, "region", "metadata.region", false);
        if (region != null && !ClusterRef.isRegion(region)) {
            throw error("metadata.region", "'" + region + "' is not a region name such as us-west-2");
        }
        if (region == null) {
            region = fallbackRegion;
        }
        if (region == null) {
            throw error("metadata.region", "is required (or pass --region)");
        }
        JsonNode iam = mapping(document, "iam", "iam", true);
        knownFields(iam, "iam.", Set.of("podIdentityAssociations"), IAM);
        JsonNode entries = iam.get("podIdentityAssociations");
        if (entries == null || entries.isNull() || (entries.isArray() && entries.isEmpty())) {
            throw error(ENTRIES, "is required: list the associations (namespace, serviceAccountName, ...)");
        }
        if (!entries.isArray()) {
            throw error(ENTRIES, "must be a list");
        }
        String partition = Partition.ofRegion(region);
        List<AssociationRequest> associations = new ArrayList<>();
        Map<ServiceAccountRef, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = ENTRIES + "[" + i + "]";
            AssociationRequest request = AssociationRules.check(raw(entries.get(i), path), purpose, partition,
                    FieldLabels.inFile(file, path));
            Integer first = seen.putIfAbsent(request.serviceAccount(), i);
            if (first != null) {
                throw error(path, "service account " + request.serviceAccount() + " is listed twice (also at "
                        + ENTRIES + "[" + first + "]); a service account has one association");
            }
            associations.add(request);
        }
        return new ClusterConfig(file, cluster, region, associations);
    }

    private RawAssociation raw(JsonNode entry, String path) {
        if (entry == null || !entry.isObject()) {
            throw error(path, "must be a mapping with namespace, serviceAccountName and roleARN or permissions");
        }
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (UNSUPPORTED.contains(name)) {
                throw error(path + "." + name, "an eksctl field pim does not support (create the service account "
                        + "and any target role or session policy with your own tools)");
            }
        }
        knownFields(entry, path + ".", ASSOCIATION, Set.of());
        return new RawAssociation(text(entry, "namespace", path + ".namespace", false),
                text(entry, "serviceAccountName", path + ".serviceAccountName", false),
                text(entry, "roleARN", path + ".roleARN", false),
                text(entry, "roleName", path + ".roleName", false),
                texts(entry, "permissionPolicyARNs", path + ".permissionPolicyARNs"),
                policyDocument(entry, path + ".permissionPolicy"),
                wellKnown(entry, path + ".wellKnownPolicies"),
                text(entry, "permissionsBoundaryARN", path + ".permissionsBoundaryARN", false),
                tags(entry, path + ".tags"));
    }

    private void knownFields(JsonNode node, String prefix, Set<String> known, Set<String> ignored) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !ignored.contains(name)) {
                throw error(prefix + name, "unknown field (expected one of " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    private void requireValue(JsonNode node, String field, String expected) {
        String value = text(node, field, field, true);
        if (!value.equals(expected)) {
            throw error(field, "'" + value + "': expected " + expected);
        }
    }

    private JsonNode mapping(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(path, "is required");
            }
            return null;
        }
        if (!value.isObject()) {
            throw error(path, "must be a mapping");
        }
        return value;
    }

    private String text(JsonNode node, String field, String path, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw error(path, "is required");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw error(path, "must be a single value, not a " + (value.isArray() ? "list" : "mapping"));
        }
        return value.asText();
    }

    private List<String> texts(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(path, "must be a list of policy ARNs");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw error(path + "[" + i + "]", "must be a policy ARN");
            }
            out.add(value.get(i).asText());
        }
        return out;
    }

    /** An inline policy document, kept as compact JSON; it must at least have a Statement. */
    private String policyDocument(JsonNode node, String path) {
        JsonNode value = mapping(node, "permissionPolicy", path, false);
        if (value == null) {
            return null;
        }
        JsonNode statement = value.get("Statement");
        if (statement == null || !(statement.isArray() || statement.isObject())) {
            throw error(path + ".Statement", "is required: an IAM policy document has Version and Statement");
        }
        return value.toString();
    }

    /** The names set to true; eksctl's map of booleans. */
    private List<String> wellKnown(JsonNode node, String path) {
        JsonNode value = mapping(node, "wellKnownPolicies", path, false);
        if (value == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (WellKnownPolicy.named(field.getKey()).isEmpty()) {
                throw error(path + "." + field.getKey(), "'" + field.getKey() + "' is not a well-known policy (known: "
                        + WellKnownPolicy.names() + ")");
            }
            if (!field.getValue().isBoolean()) {
                throw error(path + "." + field.getKey(), "must be true or false");
            }
            if (field.getValue().booleanValue()) {
                names.add(field.getKey());
            }
        }
        return names;
    }

    private Map<String, String> tags(JsonNode node, String path) {
        JsonNode value = mapping(node, "tags", path, false);
        if (value == null) {
            return Map.of();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw error(path + "." + field.getKey(), "a tag value must be a single value");
            }
            tags.put(field.getKey(), field.getValue().asText());
        }
        return tags;
    }

    private AssociationInputException error(String path, String reason) {
        return new AssociationInputException(file + ": " + path, reason);
    }
}
