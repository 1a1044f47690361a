package dev.pim.local.invariant;

import dev.pim.local.iam.PodIdentitySessions;
import dev.pim.local.iam.PolicyEvaluator;
import dev.pim.local.iam.RequestContext;
import dev.pim.local.kubernetes.PodIdentityWebhook;
import dev.pim.local.state.AccountState;
import dev.pim.local.state.AddonState;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.OidcProviderState;
import dev.pim.local.state.RoleState;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a pod of a cluster can get AWS credentials, judged as AWS would judge the calls its SDK makes: with
 * the IRSA environment, STS AssumeRoleWithWebIdentity with its service-account token (the cluster's IAM OIDC
 * provider must exist in the role's account and list the audience, and the role's trust policy must allow the
 * token's subject and audience); with the Pod Identity environment, the agent on its node and EKS Auth's
 * AssumeRole and TagSession (an association for its service account, a role that trusts
 * {@code pods.eks.amazonaws.com} for the session tags EKS sets, and a target role that trusts it in turn).
 * The SDKs try web identity before the container provider, so a pod with both environments uses IRSA.
 */
final class CredentialJudge {
    static final String AGENT_ADDON = "eks-pod-identity-agent";
    private static final Set<String> AGENT_RUNNING = Set.of("ACTIVE", "UPDATING");

    private final CloudState state;
    private final PolicyEvaluator evaluator;
    private final Map<Object, Object> memo;
    private final Map<ClusterState, String> issuers = new IdentityHashMap<>();
    private final Map<ClusterState, String> clusterArns = new IdentityHashMap<>();
    private Map<String, RoleState> rolesByArn;

    /**
     * @param memo results already judged, by what they depend on (the policy texts, the names): the monitor judges
     *             the same pairs after every call, and only the few that a call changed need judging again
     */
    CredentialJudge(CloudState state, PolicyEvaluator evaluator, Map<Object, Object> memo) {
        this.state = state;
        this.evaluator = evaluator;
        this.memo = memo;
    }

    /** The evaluation of a policy for a request, made once per distinct pair. */
    private PolicyEvaluator.Evaluation evaluate(String policy, RequestContext request) {
        return evaluator.evaluate(policy, request, PolicyEvaluator.Unknowns.UNFAVOURABLE);
    }

    @SuppressWarnings("unchecked")
    private <T> T remembered(Object key, java.util.function.Supplier<T> judge) {
        Object known = memo.get(key);
        if (known == null) {
            known = judge.get();
            memo.put(key, known);
        }
        return (T) known;
    }

    private Optional<RoleState> role(String arn) {
        if (rolesByArn == null) {
            rolesByArn = new HashMap<>();
            state.accounts.values().forEach(a -> a.roles().forEach(r -> rolesByArn.put(r.arn(), r)));
        }
        return Optional.ofNullable(arn == null ? null : rolesByArn.get(arn));
    }

    private String issuer(ClusterState cluster) {
        return issuers.computeIfAbsent(cluster, ClusterState::oidcProviderUrl);
    }

    private String clusterArn(ClusterState cluster) {
        return clusterArns.computeIfAbsent(cluster, ClusterState::arn);
    }

    /** A credential path: how a pod gets its role, the role it ends with, and why it does not work if it does not. */
    record Path(Kind kind, String roleArn, Optional<String> problem) {
        enum Kind { IRSA, POD_IDENTITY, NONE }

        static Path none() {
            return new Path(Kind.NONE, null, Optional.of("no AWS credential environment"));
        }

        boolean works() {
            return kind != Kind.NONE && problem.isEmpty();
        }

        String describe() {
            return switch (kind) {
                case IRSA -> "IRSA with role " + roleArn;
                case POD_IDENTITY -> "Pod Identity" + (roleArn == null ? "" : " with role " + roleArn);
                case NONE -> "no AWS credentials";
            };
        }
    }

    /** The path the pod's SDK takes with the environment it was started with. */
    Path ofPod(ClusterState cluster, Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String serviceAccount = Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default");
        Path worst = null;
        for (Container container : pod.getSpec().getContainers()) {
            String roleArn = env(container, "AWS_ROLE_ARN");
            Path path;
            if (roleArn != null && env(container, "AWS_WEB_IDENTITY_TOKEN_FILE") != null) {
                path = irsa(cluster, namespace, serviceAccount, roleArn, tokenAudience(pod));
            } else if (env(container, "AWS_CONTAINER_CREDENTIALS_FULL_URI") != null) {
                path = podIdentity(cluster, namespace, serviceAccount, Optional.of(Map.entry(pod.getMetadata().getName(),
                        String.valueOf(pod.getMetadata().getUid()))));
            } else {
                continue;
            }
            if (worst == null || worst.works() && !path.works()) {
                worst = path;
            }
        }
        return worst == null ? Path.none() : worst;
    }

    /** IRSA for a service account with a role: the web-identity call STS would answer. */
    Path irsa(ClusterState cluster, String namespace, String serviceAccount, String roleArn, String audience) {
        return webIdentity(cluster, namespace, serviceAccount, roleArn, audience).path();
    }

    /**
     * Whether the role's trust admits the service account through a statement that names its subject outright, with a
     * token of any audience the OIDC provider lists: a pod picks its own token's audience (a projected volume), so
     * the webhook's audience annotation limits only what it injects, not what the service account can reach.
     */
    boolean namedIrsa(ClusterState cluster, String namespace, String serviceAccount, String roleArn) {
        return provider(cluster, roleArn).map(p -> p.clientIds().stream()
                .anyMatch(audience -> webIdentity(cluster, namespace, serviceAccount, roleArn, audience).named()))
                .orElse(false);
    }

    private Optional<OidcProviderState> provider(ClusterState cluster, String roleArn) {
        String issuer = issuer(cluster);
        return issuer == null ? Optional.empty() : role(roleArn).flatMap(r -> state.existingAccount(r.accountId)
                .map(a -> a.oidcProviders.get("arn:aws:iam::" + r.accountId + ":oidc-provider/" + issuer)));
    }

    /** A web-identity call's outcome, and whether a statement that allowed it names the subject outright. */
    private record WebIdentity(Path path, boolean named) {
    }

    private record WebIdentityKey(String roleArn, String trust, String issuer, String namespace, String serviceAccount,
                                  String audience, OidcProviderState provider) {
    }

    private WebIdentity webIdentity(ClusterState cluster, String namespace, String serviceAccount, String roleArn,
                                    String audience) {
        String issuer = issuer(cluster);
        Optional<RoleState> role = role(roleArn);
        if (role.isEmpty()) {
            return refused(roleArn, "role " + roleArn + " does not exist");
        }
        if (issuer == null) {
            return refused(roleArn, "the cluster has no OIDC issuer");
        }
        OidcProviderState provider = state.existingAccount(role.get().accountId)
                .map(a -> a.oidcProviders.get("arn:aws:iam::" + role.get().accountId + ":oidc-provider/" + issuer)).orElse(null);
        if (provider == null) {
            return refused(roleArn, "account " + role.get().accountId + " has no IAM OIDC provider for " + issuer);
        }
        if (!provider.clientIds().contains(audience)) {
            return refused(roleArn, "the OIDC provider does not list audience " + audience);
        }
        String policy = role.get().trustPolicy;
        return remembered(new WebIdentityKey(roleArn, policy, issuer, namespace, serviceAccount, audience, provider), () -> {
            String subject = subject(namespace, serviceAccount);
            PolicyEvaluator.Evaluation evaluation = evaluate(policy,
                    RequestContext.webIdentity(provider.arn(), issuer, subject, audience));
            PolicyEvaluator.Decision decision = evaluation.decision();
            boolean named = evaluation.statements().stream().anyMatch(i -> decision.allowed()
                    && evaluator.lists(policy, i, issuer + ":sub", subject));
            return new WebIdentity(new Path(Path.Kind.IRSA, roleArn, decision.allowed() ? Optional.empty()
                    : Optional.of("the trust policy of " + roleArn + " does not let " + subject + " (audience " + audience
                    + ") assume it: " + decision)), named);
        });
    }

    private static WebIdentity refused(String roleArn, String problem) {
        return new WebIdentity(new Path(Path.Kind.IRSA, roleArn, Optional.of(problem)), false);
    }

    /**
     * Pod Identity for a service account: the association EKS Auth finds, the agent, and the role sessions.
     *
     * @param pod the pod's name and uid, or empty for a pod not started yet
     */
    Path podIdentity(ClusterState cluster, String namespace, String serviceAccount, Optional<Map.Entry<String, String>> pod) {
        Optional<AssociationState> association = association(cluster, namespace, serviceAccount);
        if (association.isEmpty()) {
            return new Path(Path.Kind.POD_IDENTITY, null, Optional.of("no Pod Identity association for "
                    + namespace + "/" + serviceAccount));
        }
        Path session = podIdentitySession(cluster, association.get(), pod);
        if (session.works() && !agentRuns(cluster)) {
            return new Path(Path.Kind.POD_IDENTITY, session.roleArn(), Optional.of("the " + AGENT_ADDON
                    + " add-on is not running"));
        }
        return session;
    }

    private record SessionKey(String clusterArn, String namespace, String serviceAccount, String roleArn, String roleTrust,
                              String targetRoleArn, String targetTrust, boolean tags, String pod, String podUid) {
    }

    /** The role sessions EKS Auth opens for an association (the agent aside). */
    Path podIdentitySession(ClusterState cluster, AssociationState association, Optional<Map.Entry<String, String>> pod) {
        Map.Entry<String, String> who = pod.orElse(Map.entry(association.serviceAccount + "-new-pod", "new-pod"));
        boolean tags = !Boolean.TRUE.equals(association.disableSessionTags);
        Optional<RoleState> role = role(association.roleArn).filter(r -> r.accountId.equals(cluster.accountId));
        String effective = association.targetRoleArn != null ? association.targetRoleArn : association.roleArn;
        if (role.isEmpty()) {
            return new Path(Path.Kind.POD_IDENTITY, effective, Optional.of("role " + association.roleArn
                    + " of association " + association.id + " does not exist in account " + cluster.accountId));
        }
        Optional<RoleState> target = role(association.targetRoleArn);
        if (association.targetRoleArn != null && target.isEmpty()) {
            return new Path(Path.Kind.POD_IDENTITY, effective, Optional.of("target role " + effective + " does not exist"));
        }
        String clusterArn = clusterArn(cluster);
        SessionKey key = new SessionKey(clusterArn, association.namespace, association.serviceAccount, association.roleArn,
                role.get().trustPolicy, association.targetRoleArn, target.map(t -> t.trustPolicy).orElse(null), tags,
                who.getKey(), who.getValue());
        return remembered(key, () -> {
            RequestContext request = RequestContext.podIdentity(RequestContext.ASSUME_ROLE, clusterArn,
                    association.namespace, association.serviceAccount, Optional.of(who), tags);
            Optional<String> refused = refusal(role.get(), tags, request);
            if (refused.isPresent() || target.isEmpty()) {
                return new Path(Path.Kind.POD_IDENTITY, effective, refused.map(r -> "EKS cannot assume role "
                        + association.roleArn + ": " + r));
            }
            String session = "arn:aws:sts::" + role.get().accountId + ":assumed-role/" + role.get().name + "/eks-" + cluster.name;
            Optional<String> chained = refusal(target.get(), tags, PodIdentitySessions.chained(session, role.get().arn(),
                    request));
            return new Path(Path.Kind.POD_IDENTITY, effective,
                    chained.map(r -> role.get().arn() + " cannot chain into target role " + effective + ": " + r));
        });
    }

    /** Why the role refuses the session (AssumeRole, and TagSession when tags are set), if it does. */
    private Optional<String> refusal(RoleState role, boolean tags, RequestContext request) {
        return PodIdentitySessions.refusal(evaluator, role.trustPolicy, tags, request);
    }

    boolean agentRuns(ClusterState cluster) {
        if (cluster.autoMode) {
            return true;
        }
        AddonState agent = cluster.addons.get(AGENT_ADDON);
        if (agent == null) {
            return false;
        }
        agent.settle(state.now());
        return AGENT_RUNNING.contains(agent.status);
    }

    static Optional<AssociationState> association(ClusterState cluster, String namespace, String serviceAccount) {
        return cluster.associations.values().stream()
                .filter(a -> a.namespace.equals(namespace) && a.serviceAccount.equals(serviceAccount)).findFirst();
    }

    /** The audience of the pod's IRSA token volume; the webhook's default when it has none. */
    private static String tokenAudience(Pod pod) {
        List<Volume> volumes = pod.getSpec().getVolumes();
        if (volumes != null) {
            for (Volume v : volumes) {
                if (v.getProjected() != null && v.getProjected().getSources() != null
                        && PodIdentityWebhook.IRSA_TOKEN_VOLUME.equals(v.getName())) {
                    for (var source : v.getProjected().getSources()) {
                        if (source.getServiceAccountToken() != null && source.getServiceAccountToken().getAudience() != null) {
                            return source.getServiceAccountToken().getAudience();
                        }
                    }
                }
            }
        }
        return PodIdentityWebhook.IRSA_DEFAULT_AUDIENCE;
    }

    /** The audience IRSA would put in a new pod's token: the service account's annotation, or the default. */
    static String audience(ServiceAccount serviceAccount) {
        Map<String, String> annotations = serviceAccount.getMetadata().getAnnotations();
        String audience = annotations == null ? null : annotations.get(PodIdentityWebhook.AUDIENCE_ANNOTATION);
        return audience == null || audience.isBlank() ? PodIdentityWebhook.IRSA_DEFAULT_AUDIENCE : audience;
    }

    static String subject(String namespace, String serviceAccount) {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount;
    }

    private static String env(Container container, String name) {
        if (container.getEnv() == null) {
            return null;
        }
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .filter(v -> v != null).findFirst().orElse(null);
    }

    /** The accounts a role may live in, for callers that look through every account. */
    Iterable<AccountState> accounts() {
        return state.accounts.values();
    }
}
