package dev.pim.local.kubernetes;

import dev.pim.local.server.HttpRequest;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import dev.pim.local.state.Credential;

/**
 * EKS authentication: an {@code Authorization: Bearer k8s-aws-v1.…} token whose presigned STS URL is well
 * formed, current, and signed for this cluster by a known access key. An unknown key is refused in strict
 * mode and otherwise acts as the fixture's default credential (its signature cannot be checked), so a
 * developer's own keys work against the emulator.
 */
final class BearerTokenAuthenticator {

    private BearerTokenAuthenticator() {
    }

    /** Must be called while holding the state lock. */
    static KubernetesUser authenticate(CloudState state, ClusterState cluster, HttpRequest request) {
        String authorization = request.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw StatusErrors.unauthorized("no bearer token");
        }
        PresignedStsUrl url;
        try {
            url = PresignedStsUrl.fromToken(authorization.substring(7).trim());
            url.checkCurrent(state.now());
        } catch (PresignedStsUrl.TokenRejected e) {
            throw StatusErrors.unauthorized(e.getMessage());
        }
        return KubernetesUser.of(credentialOf(state, cluster, url));
    }

    private static Credential credentialOf(CloudState state, ClusterState cluster, PresignedStsUrl url) {
        Credential credential = state.credentials.get(url.accessKeyId());
        if (credential == null) {
            String fallback = state.behaviour.defaultAccessKeyId;
            if (state.behaviour.strictCredentials || fallback == null || !state.credentials.containsKey(fallback)) {
                throw StatusErrors.unauthorized("unknown access key " + url.accessKeyId());
            }
            return state.credentials.get(fallback);
        }
        if (!url.signedBy(credential.secretAccessKey(), cluster.name)) {
            throw StatusErrors.unauthorized("signature does not match: wrong secret key, or a token for another cluster");
        }
        if (credential.sessionToken() != null && !credential.sessionToken().equals(url.securityToken())) {
            throw StatusErrors.unauthorized("security token does not match access key " + url.accessKeyId());
        }
        if (credential.expiredAt(state.now())) {
            throw StatusErrors.unauthorized("credentials of access key " + url.accessKeyId() + " have expired");
        }
        return credential;
    }
}
