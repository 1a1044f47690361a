package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.trust.SubjectGrant;
import dev.pim.migration.trust.TrustPolicy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a role's IRSA subjects for this cluster may go: an exact subject once its service account is done,
 * a pattern only once every existing service account it matches is done (else it still serves one), and a
 * statement without any subject condition never (it serves every service account).
 */
public final class OidcCleanup {

    private OidcCleanup() {
    }

    /**
     * @param existing every service account of the cluster
     * @param done     the service accounts whose IRSA path may be removed
     */
    public static Set<String> removableSubjects(TrustPolicy policy, String providerArn,
                                                Collection<ServiceAccountRef> existing, Set<ServiceAccountRef> done) {
        Set<String> out = new LinkedHashSet<>();
        for (SubjectGrant grant : policy.subjectsGrantedTo(providerArn)) {
            if (grant.isUnrestricted()) {
                continue;
            }
            List<ServiceAccountRef> matched = existing.stream()
                    .filter(sa -> grant.matches(sa.namespace(), sa.name())).toList();
            boolean removable = grant.isPattern()
                    ? !matched.isEmpty() && done.containsAll(matched)
                    : matched.stream().anyMatch(done::contains);
            if (removable) {
                out.add(grant.subject());
            }
        }
        return out;
    }
}
