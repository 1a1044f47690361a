package dev.pim.local.eks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.iam.PodIdentitySessions;
import dev.pim.local.iam.PolicyEvaluator;
import dev.pim.local.iam.RequestContext;
import dev.pim.local.kubernetes.ServiceAccountTokens;
import dev.pim.local.server.ApiError;
import dev.pim.local.server.AwsCaller;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.AssociationState;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Credential;
import dev.pim.local.state.Ids;
import dev.pim.local.state.RoleState;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * EKS Auth (rest-json, API 2023-11-26, signing name {@code eks-auth}): {@code AssumeRoleForPodIdentity}, the call the
 * Pod Identity agent makes with a pod's projected token (audience {@code pods.eks.amazonaws.com}). It finds the
 * association of the token's service account, opens the role session as IAM would judge it, with the six session
 * tags (the pod's name and uid from the token), chains into a target role, and answers the temporary credentials;
 * a trust policy that refuses, session-tag conditions included, is {@code AccessDeniedException}.
 */
public final class EksAuthService implements EmulatedService {
    static final String AUDIENCE = "pods.eks.amazonaws.com";
    private static final Duration SESSION = Duration.ofHours(6);
    private static final Duration CHAINED_SESSION = Duration.ofMinutes(59);
    private final Supplier<CloudState> state;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    public EksAuthService(Supplier<CloudState> state) {
        this.state = state;
    }

    @Override
    public Operation route(HttpRequest request) {
        List<String> s = request.segments();
        if (request.method().equals("POST") && s.size() == 3 && s.get(0).equals("clusters")
                && s.get(2).equals("assume-role-for-pod-identity")) {
            return new Operation("eks-auth", "AssumeRoleForPodIdentity", false, () -> assumeRole(s.get(1), request));
        }
        throw EksErrors.unknownOperation(request.method(), String.join("/", s));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return EksErrors.render(error);
    }

    private HttpResponse assumeRole(String clusterName, HttpRequest request) {
        CloudState cloud = state.get();
        AwsCaller caller = AwsCaller.resolve(cloud, request);
        ClusterState cluster = cloud.cluster(caller.accountId(), caller.region(), clusterName)
                .orElseThrow(() -> EksErrors.notFound("No cluster found for name: " + clusterName + "."));
        ServiceAccountTokens.Claims claims = verified(cluster, token(request), cloud.now());
        AssociationState association = cluster.associations.values().stream()
                .filter(a -> a.namespace.equals(claims.namespace()) && a.serviceAccount.equals(claims.serviceAccount()))
                .findFirst().orElseThrow(() -> EksErrors.notFound("No Pod Identity Association found for service account "
                        + claims.namespace() + "/" + claims.serviceAccount() + " in cluster " + clusterName));
        RoleState role = cloud.roleByArn(association.roleArn).filter(r -> r.accountId.equals(cluster.accountId))
                .orElseThrow(() -> accessDenied("role " + association.roleArn + " does not exist"));
        boolean tags = !Boolean.TRUE.equals(association.disableSessionTags);
        Optional<Map.Entry<String, String>> pod = claims.podName().flatMap(n -> claims.podUid().map(u -> Map.entry(n, u)));
        RequestContext session = RequestContext.podIdentity(RequestContext.ASSUME_ROLE, cluster.arn(), claims.namespace(),
                claims.serviceAccount(), pod, tags);
        PodIdentitySessions.refusal(evaluator, role.trustPolicy, tags, session).ifPresent(why -> {
            throw accessDenied("the trust policy of " + role.arn() + " does not let pods.eks.amazonaws.com open this "
                    + "session: " + why);
        });
        String sessionName = sessionName(cluster, pod);
        RoleState effective = role;
        Duration duration = SESSION;
        if (association.targetRoleArn != null) {
            String roleSession = "arn:aws:sts::" + role.accountId + ":assumed-role/" + role.name + "/" + sessionName;
            effective = cloud.roleByArn(association.targetRoleArn)
                    .orElseThrow(() -> accessDenied("target role " + association.targetRoleArn + " does not exist"));
            RoleState target = effective;
            PodIdentitySessions.refusal(evaluator, target.trustPolicy, tags,
                    PodIdentitySessions.chained(roleSession, role.arn(), session)).ifPresent(why -> {
                throw accessDenied(role.arn() + " cannot chain into target role " + target.arn() + ": " + why);
            });
            duration = CHAINED_SESSION;
        }
        return HttpResponse.json(200, answer(cloud, cluster, association, claims, effective, sessionName, duration).toString());
    }

    private static String token(HttpRequest request) {
        try {
            JsonNode body = EksJson.MAPPER.readTree(request.body());
            JsonNode token = body == null ? null : body.get("token");
            if (token == null || !token.isTextual() || token.asText().isEmpty()) {
                throw EksErrors.missing("token");
            }
            return token.asText();
        } catch (IOException e) {
            throw EksErrors.badRequest("The request body is not JSON");
        }
    }

    private static ServiceAccountTokens.Claims verified(ClusterState cluster, String token, Instant now) {
        ServiceAccountTokens.Claims claims;
        try {
            claims = ServiceAccountTokens.verify(cluster, token, now);
        } catch (ServiceAccountTokens.Rejected e) {
            throw ApiError.of(e.expired() ? "ExpiredTokenException" : "InvalidTokenException", 400, e.getMessage());
        }
        if (!claims.audiences().contains(AUDIENCE)) {
            throw ApiError.of("InvalidTokenException", 400, "the token's audience " + claims.audiences() + " is not "
                    + AUDIENCE);
        }
        return claims;
    }

    private static ObjectNode answer(CloudState cloud, ClusterState cluster, AssociationState association,
                                     ServiceAccountTokens.Claims claims, RoleState role, String sessionName,
                                     Duration duration) {
        Instant expiry = cloud.now().plus(duration).truncatedTo(ChronoUnit.SECONDS);
        String principal = "arn:aws:sts::" + role.accountId + ":assumed-role/" + role.name + "/" + sessionName;
        Credential issued = new Credential(Ids.iamUniqueId("ASIA"), Ids.secret(), "IQoJb3JpZ2luX2Vj" + Ids.secret()
                + Ids.secret(), role.accountId, principal, role.arn(), expiry);
        cloud.credentials.put(issued.accessKeyId(), issued);
        ObjectNode out = EksJson.object();
        out.putObject("subject").put("namespace", claims.namespace()).put("serviceAccount", claims.serviceAccount());
        out.put("audience", AUDIENCE);
        out.putObject("podIdentityAssociation").put("associationArn", association.arn).put("associationId", association.id);
        out.putObject("assumedRoleUser").put("arn", principal).put("assumeRoleId", role.roleId + ":" + sessionName);
        out.putObject("credentials").put("sessionToken", issued.sessionToken())
                .put("secretAccessKey", issued.secretAccessKey()).put("accessKeyId", issued.accessKeyId())
                .put("expiration", expiry.getEpochSecond());
        return out;
    }

    /** {@code eks-<cluster>-<pod>-<uuid>}, cut to STS's 64 characters. */
    private static String sessionName(ClusterState cluster, Optional<Map.Entry<String, String>> pod) {
        String name = "eks-" + cluster.name + "-" + pod.map(Map.Entry::getKey).orElse("pod") + "-" + Ids.uuid();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static ApiError accessDenied(String message) {
        return ApiError.of("AccessDeniedException", 400, message);
    }
}
