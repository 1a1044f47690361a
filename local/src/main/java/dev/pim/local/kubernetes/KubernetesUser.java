package dev.pim.local.kubernetes;

import dev.pim.local.state.Credential;

/**
 * Who an authenticated request comes from.
 *
 * @param principalArn the IAM principal EKS access entries are keyed by: the role for a role session
 * @param sessionArn   the identity STS reports ({@code arn:aws:sts::…:assumed-role/role/session})
 */
record KubernetesUser(String principalArn, String sessionArn, String accountId) {

    static KubernetesUser of(Credential credential) {
        String principal = credential.roleArn() != null ? credential.roleArn() : credential.principalArn();
        return new KubernetesUser(principal, credential.principalArn(), credential.accountId());
    }

    /** The session name of an assumed-role identity, or null for users and roots. */
    String sessionName() {
        return sessionArn.contains(":assumed-role/") ? sessionArn.substring(sessionArn.lastIndexOf('/') + 1) : null;
    }

    /** The Kubernetes user name an access entry's template gives this caller (EKS fills in these placeholders). */
    String username(String template) {
        if (template == null || template.isEmpty()) {
            return sessionArn;
        }
        String session = sessionName();
        return template.replace("{{AccountID}}", accountId)
                .replace("{{SessionName}}", session == null ? "" : session);
    }
}
