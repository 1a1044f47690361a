package dev.pim.local.server;

import dev.pim.local.state.CloudState;
import dev.pim.local.state.Credential;

/**
 * Who is calling an AWS API, and where: resolved from the request's access key.
 *
 * @param region the region the request was signed for ({@code us-east-1} for IAM)
 */
public record AwsCaller(Credential credential, String region) {

    public String accountId() {
        return credential.accountId();
    }

    /**
     * Resolves the caller of an AWS request. Known access keys (fixture keys and keys STS issued) are who
     * they say; an unknown key is refused with {@code InvalidClientTokenId} in strict mode and otherwise acts
     * as the fixture's default credential, so any locally configured key works against the emulator.
     * Must be called while holding the state lock.
     */
    public static AwsCaller resolve(CloudState state, HttpRequest request) {
        SigningScope scope = SigningScope.of(request).orElseThrow(() -> ApiError.of("MissingAuthenticationToken", 403,
                "Request is missing Authentication Token"));
        Credential credential = state.credentials.get(scope.accessKeyId());
        if (credential != null && credential.expiredAt(state.now())) {
            throw ApiError.of("ExpiredToken", 403, "The security token included in the request is expired");
        }
        if (credential == null) {
            String fallback = state.behaviour.defaultAccessKeyId;
            if (state.behaviour.strictCredentials || fallback == null || !state.credentials.containsKey(fallback)) {
                throw ApiError.of("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
            }
            credential = state.credentials.get(fallback);
        }
        return new AwsCaller(credential, scope.region());
    }
}
