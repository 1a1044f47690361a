package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.trust.SubjectGrant;
import dev.pim.migration.trust.TrustPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a role's IRSA subjects for this cluster may go: an exact subject once its service account is done; a
 * pattern only when asked ({@code --remove-wildcard-oidc-trust}) and once every existing service account it matches
 * is done, since a service account created later that matches it would lose its path; a statement without any
 * subject condition never (it serves every service account).
 */
public final class OidcCleanup {

    private OidcCleanup() {
    }

    /**
     * @param subjects the {@code sub} values to remove
     * @param notes    why a pattern that could have gone stays
     */
    public record Removal(Set<String> subjects, List<String> notes) {
    }

    /**
     * @param existing        every service account of the cluster
     * @param done            the service accounts whose IRSA path may be removed
     * @param removeWildcards whether patterns whose matches are all done may go too
     */
    public static Removal removable(TrustPolicy policy, String providerArn, Collection<ServiceAccountRef> existing,
                                    Set<ServiceAccountRef> done, boolean removeWildcards) {
        Set<String> out = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (SubjectGrant grant : policy.subjectsGrantedTo(providerArn)) {
            if (grant.isUnrestricted()) {
                continue;
            }
            List<ServiceAccountRef> matched = existing.stream()
                    .filter(sa -> grant.matches(sa.namespace(), sa.name())).toList();
            if (!grant.isPattern()) {
                if (matched.stream().anyMatch(done::contains)) {
                    out.add(grant.subject());
                }
            } else if (!matched.isEmpty() && done.containsAll(matched)) {
                if (removeWildcards) {
                    out.add(grant.subject());
                } else {
                    notes.add("keeps the pattern " + grant.subject() + " of " + grant.statement() + ": every service "
                            + "account it matches today is migrated, but one created later would get its role through it "
                            + "(--remove-wildcard-oidc-trust removes it)");
                }
            }
        }
        return new Removal(out, notes);
    }
}
