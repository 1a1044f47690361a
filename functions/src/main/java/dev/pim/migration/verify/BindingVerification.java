package dev.pim.migration.verify;

import dev.pim.migration.ServiceAccountRef;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one migrated binding.
 *
 * @param problems  what is wrong: no association, a role that does not trust Pod Identity, pods with both
 *                  credential environments
 * @param leftovers what the migration has not finished: pods not restarted, the annotation, the OIDC trust
 * @param podsMoved whether every running pod of the service account has the Pod Identity environment
 */
public record BindingVerification(ServiceAccountRef serviceAccount, String roleArn, List<String> problems,
                                  List<String> leftovers, boolean podsMoved) {

    public BindingVerification {
        problems = List.copyOf(problems);
        leftovers = List.copyOf(leftovers);
    }

    /** The same verification with one more problem. */
    public BindingVerification withProblem(String problem) {
        List<String> more = new ArrayList<>(problems);
        more.add(problem);
        return new BindingVerification(serviceAccount, roleArn, more, leftovers, podsMoved);
    }

    /** The same verification with one more leftover. */
    public BindingVerification withLeftover(String leftover) {
        List<String> more = new ArrayList<>(leftovers);
        more.add(leftover);
        return new BindingVerification(serviceAccount, roleArn, problems, more, podsMoved);
    }

    /** Safe to remove its IRSA path: association and trust in place, every pod on Pod Identity. */
    public boolean verified() {
        return problems.isEmpty() && podsMoved;
    }
}
