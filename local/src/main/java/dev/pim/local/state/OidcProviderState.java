package dev.pim.local.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An IAM OpenID Connect provider.
 *
 * @param url host and path without {@code https://}, as IAM stores it
 */
public record OidcProviderState(String accountId, String url, List<String> clientIds, List<String> thumbprints,
                                Map<String, String> tags, Instant createDate) {

    public String arn() {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + url;
    }
}
