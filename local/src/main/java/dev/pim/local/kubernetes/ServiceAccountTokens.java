package dev.pim.local.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.state.ClusterState;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Projected service-account tokens as a cluster's API server issues them (TokenRequest): a JWT naming the
 * cluster's issuer, the {@code system:serviceaccount:<ns>:<name>} subject, the audiences, and the pod it is bound to
 * under {@code kubernetes.io}. Signed with the cluster's own key (HS256 here, RS256 on EKS: only the API server and
 * the services that trust it, EKS Auth, can tell a token it issued).
 */
public final class ServiceAccountTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

    private ServiceAccountTokens() {
    }

    /** What a verified token says. */
    public record Claims(String namespace, String serviceAccount, List<String> audiences, Instant expiresAt,
                         Optional<String> podName, Optional<String> podUid) {
    }

    /** Why a token is refused: not this cluster's, malformed, or expired. */
    public static final class Rejected extends Exception {
        private final boolean expired;

        Rejected(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        public boolean expired() {
            return expired;
        }
    }

    static String issue(ClusterState cluster, String namespace, String serviceAccount, String serviceAccountUid,
                        List<String> audiences, Instant issuedAt, Instant expiresAt, Optional<String[]> pod) {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT").put("kid", "local");
        ObjectNode claims = JSON.createObjectNode();
        audiences.forEach(claims.putArray("aud")::add);
        claims.put("exp", expiresAt.getEpochSecond()).put("iat", issuedAt.getEpochSecond())
                .put("iss", cluster.oidcIssuer == null ? "https://kubernetes.default.svc" : cluster.oidcIssuer)
                .put("sub", "system:serviceaccount:" + namespace + ":" + serviceAccount);
        ObjectNode kubernetes = claims.putObject("kubernetes.io");
        kubernetes.put("namespace", namespace);
        kubernetes.putObject("serviceaccount").put("name", serviceAccount).put("uid", serviceAccountUid);
        pod.ifPresent(p -> kubernetes.putObject("pod").put("name", p[0]).put("uid", p[1]));
        String signed = encode(header) + "." + encode(claims);
        return signed + "." + ENCODE.encodeToString(mac(cluster, signed));
    }

    /** Checks the signature (this cluster's key), the expiry on the emulator's clock, and the claims' shape. */
    public static Claims verify(ClusterState cluster, String token, Instant now) throws Rejected {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            throw new Rejected("the token is not a JWT", false);
        }
        byte[] signature;
        JsonNode claims;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new Rejected("the token is not a JWT", false);
        }
        if (!MessageDigest.isEqual(signature, mac(cluster, parts[0] + "." + parts[1]))) {
            throw new Rejected("the token was not issued by cluster " + cluster.name, false);
        }
        JsonNode kubernetes = claims.path("kubernetes.io");
        String namespace = kubernetes.path("namespace").asText(null);
        String serviceAccount = kubernetes.path("serviceaccount").path("name").asText(null);
        if (namespace == null || serviceAccount == null || !claims.path("exp").canConvertToLong()) {
            throw new Rejected("the token names no service account", false);
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.get("exp").asLong());
        if (!now.isBefore(expiresAt)) {
            throw new Rejected("the token expired at " + expiresAt, true);
        }
        List<String> audiences = new ArrayList<>();
        claims.path("aud").forEach(a -> audiences.add(a.asText()));
        JsonNode pod = kubernetes.path("pod");
        return new Claims(namespace, serviceAccount, audiences, expiresAt,
                Optional.ofNullable(pod.path("name").asText(null)), Optional.ofNullable(pod.path("uid").asText(null)));
    }

    private static String encode(JsonNode node) {
        return ENCODE.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(ClusterState cluster, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cluster.serviceAccountTokenKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
