package dev.pim.migration.plan;

import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.inventory.ClusterInventory;
import dev.pim.migration.inventory.ServiceAccountInfo;
import dev.pim.migration.trust.SubjectGrant;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan's warnings about trust wider than one service account: a role whose trust lets in service accounts
 * through a pattern or a statement without a {@code sub} condition could be assumed by all of them today, but
 * only the ones annotated with it (or named with {@code --include-service-account}) are migrated; the rest are
 * listed, never given an association, so that a role meant for one workload does not become every pod's identity.
 */
final class WideTrust {
    private static final int LISTED = 10;

    private WideTrust() {
    }

    static List<String> warnings(ClusterInventory inventory, List<Binding> bindings, Set<ServiceAccountRef> included) {
        TrustReader trust = new TrustReader(inventory);
        List<String> out = new ArrayList<>();
        for (String roleArn : new TreeSet<>(inventory.roles().keySet())) {
            Set<String> how = new LinkedHashSet<>();
            Set<ServiceAccountRef> covered = new TreeSet<>();
            for (SubjectGrant grant : trust.grants(roleArn)) {
                if (!grant.isPattern()) {
                    continue;
                }
                for (ServiceAccountInfo sa : inventory.serviceAccounts()) {
                    boolean bound = bindings.stream().anyMatch(b -> b.serviceAccount().equals(sa.ref()) && roleArn.equals(b.roleArn()));
                    if (!bound && grant.matches(sa.ref().namespace(), sa.ref().name())
                            && inventory.oidcAudiences().contains(sa.irsaAudience()) && trust.access(roleArn, sa.ref(),
                            sa.irsaAudience()).map(a -> a.allowed()).orElse(false)) {
                        covered.add(sa.ref());
                        how.add(grant.statement() + (grant.isUnrestricted() ? " (no sub condition)"
                                : " (" + grant.operator().orElseThrow() + " " + grant.subject() + ")"));
                    }
                }
            }
            if (!covered.isEmpty()) {
                out.add("role " + RoleArn.parse(roleArn).name() + " lets in " + covered.size() + " service account(s) that no "
                        + "annotation binds to it, through " + String.join(", ", how) + ": " + list(covered)
                        + "; they are not migrated (a trust this wide is not a binding: name one with "
                        + "--include-service-account to migrate it)");
            }
        }
        for (ServiceAccountRef sa : included) {
            if (bindings.stream().noneMatch(b -> b.serviceAccount().equals(sa) && b.sources().contains(BindingSource.TRUST))) {
                out.add("--include-service-account " + sa + ": no role's trust lets it in through this cluster's OIDC "
                        + "provider; nothing is done for it");
            }
        }
        return out;
    }

    private static String list(Set<ServiceAccountRef> accounts) {
        List<String> names = accounts.stream().map(Object::toString).limit(LISTED).toList();
        return String.join(", ", names) + (accounts.size() > LISTED ? " and " + (accounts.size() - LISTED) + " more" : "");
    }
}
