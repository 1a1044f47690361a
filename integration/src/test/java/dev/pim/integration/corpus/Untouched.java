package dev.pim.integration.corpus;

import dev.pim.local.LocalCloud;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.RegionState;
import dev.pim.local.state.RoleState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a bad input must leave as it was, in every account and cluster of the local cloud: each role's trust
 * policy (its exact text) and tags, each association, add-on, service account (with its annotations) and pod
 * (whole objects, resource versions included, so any write shows), and which calls changed something.
 */
final class Untouched {
    private final LocalCloud cloud;
    private final Predicate<String> delivery;
    private final Map<String, String> before;

    /**
     * @param delivery the mutating operations that carry the input itself (the test's {@code states:StartExecution},
     *                 the queue's {@code sqs:SendMessage}...), allowed; every other mutating call fails the case
     */
    private Untouched(LocalCloud cloud, Predicate<String> delivery) {
        this.cloud = cloud;
        this.delivery = delivery;
        this.before = state(cloud);
    }

    /** Takes the picture, with the counters zeroed: whatever the harness did to set up is not counted. */
    static Untouched now(LocalCloud cloud, Set<String> delivery) {
        return now(cloud, delivery::contains);
    }

    static Untouched now(LocalCloud cloud, Predicate<String> delivery) {
        cloud.counters().reset();
        return new Untouched(cloud, delivery);
    }

    /** No mutating call besides the delivery of the input, and the same roles, associations, annotations and pods. */
    void assertUntouched() {
        Map<String, Long> writes = new TreeMap<>(cloud.counters().mutatingSnapshot());
        writes.keySet().removeIf(delivery);
        assertThat(writes).as("mutating calls besides the input's own delivery").isEmpty();
        assertThat(state(cloud)).as("the local cloud's roles, associations, add-ons, service accounts and pods")
                .isEqualTo(before);
    }

    /** Not a single call reached the local cloud (the input was refused before anything was called). */
    void assertNoCall() {
        assertThat(cloud.counters().snapshot()).as("calls to the local cloud").isEmpty();
    }

    private static Map<String, String> state(LocalCloud cloud) {
        return cloud.read(s -> {
            Map<String, String> out = new TreeMap<>();
            for (AccountState account : s.accounts.values()) {
                for (RoleState role : account.rolesInListingOrder()) {
                    out.put("role " + role.arn(), role.trustPolicy + " tags " + role.tags.values());
                }
                for (RegionState region : account.regions.values()) {
                    region.clusters.values().forEach(c -> cluster(c, out));
                }
            }
            return out;
        });
    }

    private static void cluster(ClusterState cluster, Map<String, String> out) {
        String at = cluster.arn() + " ";
        for (AssociationState a : cluster.associations.values()) {
            out.put(at + "association " + a.id, a.namespace + "/" + a.serviceAccount + " -> " + a.roleArn + " target "
                    + a.targetRoleArn + " owner " + a.ownerArn + " tags " + a.tags);
        }
        for (AddonState addon : cluster.addons.values()) {
            out.put(at + "addon " + addon.name, addon.version + " " + addon.status + " role " + addon.serviceAccountRoleArn
                    + " associations " + addon.associationIds);
        }
        objects(at + "serviceaccount ", cluster.kubernetes.serviceAccounts, out);
        objects(at + "pod ", cluster.kubernetes.pods, out);
        objects(at + "deployment ", cluster.kubernetes.deployments, out);
        objects(at + "statefulset ", cluster.kubernetes.statefulSets, out);
        objects(at + "daemonset ", cluster.kubernetes.daemonSets, out);
    }

    private static void objects(String prefix, Map<String, ? extends HasMetadata> objects, Map<String, String> out) {
        out.putAll(objects.entrySet().stream().collect(Collectors.toMap(e -> prefix + e.getKey(),
                e -> Serialization.asJson(e.getValue()))));
    }
}
