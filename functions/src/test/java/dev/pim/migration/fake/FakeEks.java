package dev.pim.migration.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.inventory.ClusterInfo;
import dev.pim.migration.inventory.FargateSelector;
import dev.pim.migration.port.AssociationExistsException;
import dev.pim.migration.port.EksPort;
import dev.pim.migration.port.RoleNotYetUsableException;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.stream.StreamSupport;

/**
 * One EKS cluster in memory, as the steps rely on it: CreatePodIdentityAssociation refuses a service account that
 * already has one (naming its id) and a role that IAM lacks or whose trust does not let pods.eks.amazonaws.com
 * assume and tag it; add-ons go CREATING/UPDATING and settle to ACTIVE after a few reads, as a poll sees them.
 */
public final class FakeEks implements EksPort {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
    private final ClusterInfo cluster;
    private final FakeIam iam;
    private final CallLog log;
    private final Map<String, AddonInfo> addons = new LinkedHashMap<>();
    private final Map<String, String> addonNamespaces = new HashMap<>();
    /** Reads left before a CREATING or UPDATING add-on becomes ACTIVE. */
    private final Map<String, Integer> readsUntilSettled = new HashMap<>();
    private final Map<String, AssociationInfo> associations = new LinkedHashMap<>();
    private final Queue<RuntimeException> createFailures = new ArrayDeque<>();
    private int nextId = 1;
    private int describes;
    private String settlesTo = "ACTIVE";

    public FakeEks(ClusterInfo cluster, FakeIam iam, CallLog log) {
        this.cluster = cluster;
        this.iam = iam;
        this.log = log;
    }

    /** An installed add-on (ACTIVE) whose version supports Pod Identity for the given service accounts. */
    public synchronized FakeEks addon(String name, String namespace, String irsaRoleArn, String... podIdentityServiceAccounts) {
        addons.put(name, new AddonInfo(name, "v1.0.0-eksbuild.1", "ACTIVE", irsaRoleArn, List.of(),
                List.of(podIdentityServiceAccounts)));
        addonNamespaces.put(name, namespace);
        return this;
    }

    /** A standalone association made outside this tool. */
    public synchronized AssociationInfo association(ServiceAccountRef sa, String roleArn) {
        return put(sa, roleArn, null, null, Map.of());
    }

    /** What an add-on settling from CREATING or UPDATING ends as: ACTIVE unless a test says otherwise. */
    public synchronized void addonsSettleTo(String status) {
        settlesTo = status;
    }

    /** The next CreatePodIdentityAssociation throws this instead of creating (the process died mid-call). */
    public synchronized void failNextCreate(RuntimeException failure) {
        createFailures.add(failure);
    }

    public synchronized int describes() {
        return describes;
    }

    @Override
    public ClusterInfo describeCluster() {
        return cluster;
    }

    @Override
    public List<FargateSelector> fargateSelectors() {
        return List.of();
    }

    @Override
    public synchronized List<AddonInfo> addons() {
        return addons.keySet().stream().map(this::read).toList();
    }

    @Override
    public synchronized Optional<AddonInfo> addon(String name) {
        return addons.containsKey(name) ? Optional.of(read(name)) : Optional.empty();
    }

    /** Each read of a changing add-on brings it one step closer to its settled state. */
    private AddonInfo read(String name) {
        AddonInfo addon = addons.get(name);
        Integer left = readsUntilSettled.get(name);
        if (left != null) {
            if (left <= 1) {
                readsUntilSettled.remove(name);
                addon = withStatus(addon, settlesTo);
                addons.put(name, addon);
            } else {
                readsUntilSettled.put(name, left - 1);
            }
        }
        return addon;
    }

    @Override
    public Optional<String> defaultAddonVersion(String addonName) {
        return Optional.of("v1.3.4-eksbuild.1");
    }

    @Override
    public synchronized void createAddon(String addonName, String version) {
        if (addons.containsKey(addonName)) {
            throw new IllegalStateException("ResourceInUseException: Addon " + addonName + " already exists");
        }
        addons.put(addonName, new AddonInfo(addonName, version, "CREATING", null, List.of(), List.of()));
        readsUntilSettled.put(addonName, 3);
        log.write("eks CreateAddon " + addonName);
    }

    @Override
    public synchronized void updateAddonAssociations(String addonName, String version, Map<String, String> roleByServiceAccount) {
        AddonInfo addon = addons.get(addonName);
        if (addon == null) {
            throw new IllegalStateException("ResourceNotFoundException: no add-on " + addonName);
        }
        String namespace = addonNamespaces.getOrDefault(addonName, "kube-system");
        String owner = cluster.arn().replace(":cluster/", ":addon/") + "/" + addonName;
        associations.values().removeIf(a -> owner.equals(a.ownerArn()));
        List<String> owned = new ArrayList<>();
        roleByServiceAccount.forEach((sa, role) -> {
            ServiceAccountRef ref = new ServiceAccountRef(namespace, sa);
            if (find(ref).isPresent()) {
                throw new IllegalStateException("ResourceInUseException: " + ref + " already has an association");
            }
            owned.add(put(ref, role, null, owner, Map.of()).arn());
        });
        // EKS keeps reporting serviceAccountRoleArn after the associations are set (terraform-provider-aws #30645).
        addons.put(addonName, new AddonInfo(addonName, version, "UPDATING", addon.serviceAccountRoleArn(), owned,
                addon.podIdentityServiceAccounts()));
        readsUntilSettled.put(addonName, 2);
        log.write("eks UpdateAddon " + addonName + " " + new java.util.TreeMap<>(roleByServiceAccount).keySet());
    }

    @Override
    public synchronized void setAddonServiceAccountRole(String addonName, String roleArn) {
        AddonInfo addon = addons.get(addonName);
        if (addon == null) {
            throw new IllegalStateException("ResourceNotFoundException: no add-on " + addonName);
        }
        addons.put(addonName, new AddonInfo(addonName, addon.version(), "UPDATING", roleArn,
                addon.podIdentityAssociationArns(), addon.podIdentityServiceAccounts()));
        readsUntilSettled.put(addonName, 2);
        log.write("eks UpdateAddon " + addonName + " serviceAccountRoleArn=" + (roleArn == null ? "" : roleArn));
    }

    @Override
    public synchronized void deleteAddon(String addonName) {
        if (addons.remove(addonName) == null) {
            throw new IllegalStateException("ResourceNotFoundException: no add-on " + addonName);
        }
        log.write("eks DeleteAddon " + addonName);
    }

    @Override
    public synchronized List<AssociationInfo> associations() {
        return List.copyOf(associations.values());
    }

    @Override
    public synchronized Optional<AssociationInfo> association(ServiceAccountRef serviceAccount) {
        return find(serviceAccount);
    }

    @Override
    public synchronized List<String> associationIds() {
        return List.copyOf(associations.keySet());
    }

    @Override
    public synchronized Optional<AssociationInfo> describeAssociation(String associationId) {
        describes++;
        return Optional.ofNullable(associations.get(associationId));
    }

    @Override
    public synchronized AssociationInfo createAssociation(ServiceAccountRef serviceAccount, String roleArn,
                                                          String targetRoleArn, Map<String, String> tags) {
        RuntimeException failure = createFailures.poll();
        if (failure != null) {
            throw failure;
        }
        Optional<AssociationInfo> existing = find(serviceAccount);
        if (existing.isPresent()) {
            throw new AssociationExistsException(existing.get().id(),
                    "Association already exists: " + existing.get().id());
        }
        var role = iam.roleByArn(roleArn).orElseThrow(() ->
                new RoleNotYetUsableException("Role provided in the request does not exist"));
        if (!trustsPodIdentity(role.trustPolicy())) {
            throw new RoleNotYetUsableException("Trust policy of the role provided is invalid");
        }
        AssociationInfo created = put(serviceAccount, roleArn, targetRoleArn, null, tags);
        log.write("eks CreatePodIdentityAssociation " + serviceAccount);
        return created;
    }

    @Override
    public synchronized void deleteAssociation(String associationId) {
        AssociationInfo gone = associations.remove(associationId);
        if (gone == null) {
            throw new IllegalStateException("ResourceNotFoundException: no association " + associationId);
        }
        log.write("eks DeletePodIdentityAssociation " + gone.serviceAccount());
    }

    private Optional<AssociationInfo> find(ServiceAccountRef sa) {
        return associations.values().stream().filter(a -> a.serviceAccount().equals(sa)).findFirst();
    }

    private AssociationInfo put(ServiceAccountRef sa, String roleArn, String targetRoleArn, String owner,
                                Map<String, String> tags) {
        String id = String.format("a-%017d", nextId++);
        String arn = cluster.arn().replace(":cluster/", ":podidentityassociation/") + "/" + id;
        AssociationInfo association = new AssociationInfo(id, arn, sa, roleArn, targetRoleArn, owner, Map.copyOf(tags));
        associations.put(id, association);
        return association;
    }

    private static AddonInfo withStatus(AddonInfo a, String status) {
        return new AddonInfo(a.name(), a.version(), status, a.serviceAccountRoleArn(), a.podIdentityAssociationArns(),
                a.podIdentityServiceAccounts());
    }

    /** Whether some Allow statement lets pods.eks.amazonaws.com call sts:AssumeRole and sts:TagSession. */
    static boolean trustsPodIdentity(String policy) {
        try {
            JsonNode statements = JSON.readTree(policy).path("Statement");
            Iterable<JsonNode> each = statements.isArray() ? statements : List.of(statements);
            return StreamSupport.stream(each.spliterator(), false).anyMatch(s -> "Allow".equals(s.path("Effect").asText())
                    && values(s.path("Principal").path("Service")).contains(POD_IDENTITY_SERVICE)
                    && values(s.path("Action")).containsAll(List.of("sts:AssumeRole", "sts:TagSession")));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> values(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }
}
