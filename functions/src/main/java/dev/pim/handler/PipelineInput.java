package dev.pim.handler;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.InvalidRoleArnException;
import dev.pim.migration.RoleArn;
import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.plan.AssociationQuota;
import dev.pim.migration.plan.ExecutionLimits;
import dev.pim.migration.plan.MigrationOptions;
import dev.pim.migration.trust.TrustScope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The input of an execution of the cluster state machine, as given in the console or by the dispatcher, with
 * defaults filled in. Only {@code cluster} is required.
 *
 * @param region                 defaults to the region the stack runs in ({@code AWS_REGION})
 * @param accountId              the cluster's account when it is not the stack's (a fleet member account)
 * @param assumeRoleArn          the role to assume in that account
 * @param maxConcurrency         roles updated at once by the Map state (1..40)
 * @param timeoutSeconds         how long to wait for the agent add-on, add-on updates and rollouts
 * @param crossAccountBridgeRole a same-account role to chain into cross-account roles, or null
 * @param includeServiceAccounts  {@code namespace/name} of service accounts to migrate though no annotation binds them
 *                                (a role whose trust lets them in only through a pattern or no sub condition)
 * @param removeWildcardOidcTrust with removeOidcTrust, also remove a StringLike subject pattern once all it matches is verified
 * @param roleBatchSize          roles per child execution of the role Maps (1..500, default 50: a batch's Lambda
 *                               then stays minutes below its 15-minute timeout at 10 writes/s, and a 10,000-role
 *                               cluster is 200 children whose results fit the Map's 256 KiB payload)
 * @param trustScope             whom the Pod Identity statement admits: {@code account}, {@code cluster} or
 *                               {@code service-account} (the default)
 * @param acceptSkippedContainers accept that containers the IRSA webhook skips get Pod Identity credentials; without
 *                               it an approved execution whose plan has such containers fails in Discover, before any
 *                               change
 * @param associationsPerCluster the Pod Identity associations the cluster may hold (default: EKS's quota, 5,000); the
 *                               plan refuses a run that would pass it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineInput(String cluster, String region, String accountId, String assumeRoleArn, Boolean approve,
                            Boolean restartWorkloads, Integer restartBudget, Boolean removeIrsaAnnotation,
                            Boolean removeOidcTrust, Integer maxConcurrency, Integer timeoutSeconds,
                            String crossAccountBridgeRole, List<String> includeServiceAccounts,
                            Boolean removeWildcardOidcTrust, Integer roleBatchSize, String trustScope,
                            Boolean acceptSkippedContainers, Integer associationsPerCluster) {
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    /** Checks every field and fills in the defaults; the message names the field at fault. */
    public PipelineInput validated(String defaultRegion, int defaultMaxConcurrency) {
        if (cluster == null || cluster.isBlank()) {
            throw new InvalidInputException("input field 'cluster' is required: the EKS cluster to migrate");
        }
        if (!ClusterRef.isClusterName(cluster)) {
            throw new InvalidInputException("input field 'cluster': '" + cluster + "' is not an EKS cluster name");
        }
        String r = region != null ? region : defaultRegion;
        if (!ClusterRef.isRegion(r)) {
            throw new InvalidInputException("input field 'region': '" + r + "' is not a region such as us-west-2");
        }
        if (accountId != null && !ClusterRef.isAccountId(accountId)) {
            throw new InvalidInputException("input field 'accountId': '" + accountId + "' is not a 12-digit account id");
        }
        if (assumeRoleArn != null) {
            RoleArn role = roleArn("assumeRoleArn", assumeRoleArn);
            if (accountId != null && !role.accountId().equals(accountId)) {
                throw new InvalidInputException("input field 'assumeRoleArn': role " + assumeRoleArn + " is in account "
                        + role.accountId() + ", but 'accountId' is " + accountId + ": the role to act through is the cluster's account's");
            }
        }
        if (crossAccountBridgeRole != null) {
            if (crossAccountBridgeRole.startsWith("arn:")) {
                roleArn("crossAccountBridgeRole", crossAccountBridgeRole);
            } else if (!ROLE_NAME.matcher(crossAccountBridgeRole).matches()) {
                throw new InvalidInputException("input field 'crossAccountBridgeRole': '" + crossAccountBridgeRole
                        + "' is neither a role name nor a role ARN");
            }
        }
        int concurrency = positive(maxConcurrency, defaultMaxConcurrency, 40, "maxConcurrency");
        int budget = positive(restartBudget, 2, 100, "restartBudget");
        int timeout = positive(timeoutSeconds, 1500, 86_400, "timeoutSeconds");
        int batch = positive(roleBatchSize, ExecutionLimits.DEFAULT_BATCH, ExecutionLimits.MAX_BATCH, "roleBatchSize");
        if (associationsPerCluster != null) {
            positive(associationsPerCluster, AssociationQuota.EKS_PER_CLUSTER, AssociationQuota.MAX_SETTING, "associationsPerCluster");
        }
        boolean approved = Boolean.TRUE.equals(approve);
        if (!approved && (isTrue(restartWorkloads) || isTrue(removeIrsaAnnotation) || isTrue(removeOidcTrust))) {
            throw new InvalidInputException("input fields 'restartWorkloads', 'removeIrsaAnnotation' and 'removeOidcTrust' "
                    + "change the cluster: they need 'approve': true");
        }
        if (isTrue(removeWildcardOidcTrust) && !isTrue(removeOidcTrust)) {
            throw new InvalidInputException("input field 'removeWildcardOidcTrust' needs 'removeOidcTrust': true");
        }
        included();
        String scope = scope().label();
        return new PipelineInput(cluster, r, accountId, assumeRoleArn, approved, isTrue(restartWorkloads), budget,
                isTrue(removeIrsaAnnotation), isTrue(removeOidcTrust), concurrency, timeout, crossAccountBridgeRole,
                includeServiceAccounts == null || includeServiceAccounts.isEmpty() ? null : List.copyOf(includeServiceAccounts),
                isTrue(removeWildcardOidcTrust) ? true : null, batch, scope,
                isTrue(acceptSkippedContainers) ? true : null, associationsPerCluster);
    }

    /** The trust scope the input names, or the default. */
    private TrustScope scope() {
        if (trustScope == null) {
            return TrustScope.DEFAULT;
        }
        try {
            return TrustScope.parse(trustScope);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("input field 'trustScope': " + e.getMessage());
        }
    }

    /** The input's size as the execution holds it (JSON), against the payload quota. */
    int jsonBytes() {
        try {
            return JsonHandler.JSON.writeValueAsBytes(this).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the input as JSON", e);
        }
    }

    public MigrationOptions options() {
        MigrationOptions.Builder options = MigrationOptions.builder().approve(isTrue(approve))
                .restartWorkloads(isTrue(restartWorkloads)).restartBudget(restartBudget)
                .removeIrsaAnnotation(isTrue(removeIrsaAnnotation)).removeOidcTrust(isTrue(removeOidcTrust))
                .concurrency(maxConcurrency).timeout(Duration.ofSeconds(timeoutSeconds))
                .crossAccountBridgeRole(crossAccountBridgeRole).includeServiceAccounts(included())
                .removeWildcardOidcTrust(isTrue(removeWildcardOidcTrust)).trustScope(scope())
                .acceptSkippedContainers(isTrue(acceptSkippedContainers));
        if (associationsPerCluster != null) {
            options.associationsPerCluster(associationsPerCluster);
        }
        return options.build();
    }

    /** The service accounts of {@code includeServiceAccounts}, each checked for its form. */
    private List<ServiceAccountRef> included() {
        if (includeServiceAccounts == null) {
            return List.of();
        }
        List<ServiceAccountRef> out = new ArrayList<>();
        for (int i = 0; i < includeServiceAccounts.size(); i++) {
            String text = includeServiceAccounts.get(i);
            try {
                out.add(ServiceAccountRef.parse(text == null ? "" : text));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("input field 'includeServiceAccounts[" + i + "]': " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * Checks the input a step after Preflight receives: Preflight's output, every default filled in. A hand-made
     * event whose input lacks one is refused rather than guessed at.
     */
    public PipelineInput requireValidated() {
        present("region", region);
        present("maxConcurrency", maxConcurrency);
        present("restartBudget", restartBudget);
        present("timeoutSeconds", timeoutSeconds);
        present("roleBatchSize", roleBatchSize);
        return validated(region, maxConcurrency);
    }

    private static void present(String field, Object value) {
        if (value == null) {
            throw new InvalidInputException("event field 'input' has no '" + field + "': a step's input is the validated "
                    + "input the Preflight state returns, with every default filled in");
        }
    }

    private static RoleArn roleArn(String field, String value) {
        try {
            return RoleArn.parse(value);
        } catch (InvalidRoleArnException e) {
            throw new InvalidInputException("input field '" + field + "': " + e.getMessage(), e);
        }
    }

    private static int positive(Integer value, int fallback, int max, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new InvalidInputException("input field '" + field + "' must be within 1.." + max + ", got " + value);
        }
        return value;
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
