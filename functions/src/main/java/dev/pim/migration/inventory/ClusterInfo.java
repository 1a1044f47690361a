package dev.pim.migration.inventory;

import dev.pim.migration.ClusterRef;

/**
 * What EKS says about a cluster.
 *
 * @param oidcIssuer          the issuer URL with {@code https://}, or null when the cluster has none
 * @param authenticationMode  API, API_AND_CONFIG_MAP or CONFIG_MAP
 * @param endpoint            the Kubernetes API endpoint
 * @param certificateAuthority base64 PEM of the API server's CA
 */
public record ClusterInfo(ClusterRef ref, String arn, String version, String platformVersion, String status,
                          String oidcIssuer, String authenticationMode, boolean autoMode, String endpoint,
                          String certificateAuthority) {

    /** The ARN's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
    public String partition() {
        return arn.split(":")[1];
    }

    /** Host and path of the issuer: the IAM OIDC provider URL and the prefix of IRSA condition keys. */
    public String oidcProviderUrl() {
        return oidcIssuer == null ? null : oidcIssuer.replaceFirst("^https://", "");
    }

    /** The ARN of this cluster's IAM OIDC provider in a given account (a cross-account role's account has its own). */
    public String oidcProviderArn(String accountId) {
        return oidcIssuer == null ? null
                : "arn:" + partition() + ":iam::" + accountId + ":oidc-provider/" + oidcProviderUrl();
    }
}
