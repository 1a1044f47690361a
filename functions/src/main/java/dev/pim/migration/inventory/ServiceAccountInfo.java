package dev.pim.migration.inventory;

import dev.pim.migration.ServiceAccountRef;

import java.util.Map;

/** A Kubernetes service account and its annotations. */
public record ServiceAccountInfo(ServiceAccountRef ref, Map<String, String> annotations, String resourceVersion) {
    public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    public static final String AUDIENCE_ANNOTATION = "eks.amazonaws.com/audience";
    /** The audience of IRSA tokens when the service account does not set one. */
    public static final String DEFAULT_AUDIENCE = "sts.amazonaws.com";

    public String roleArnAnnotation() {
        return annotations.get(ROLE_ARN_ANNOTATION);
    }

    /** The audience the IRSA webhook gives its pods' tokens. */
    public String irsaAudience() {
        String audience = annotations.get(AUDIENCE_ANNOTATION);
        return audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
    }
}
