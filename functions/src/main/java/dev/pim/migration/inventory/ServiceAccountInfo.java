package dev.pim.migration.inventory;

import dev.pim.migration.ServiceAccountRef;

import java.util.List;
import java.util.Map;

/** A Kubernetes service account and its annotations. */
public record ServiceAccountInfo(ServiceAccountRef ref, Map<String, String> annotations, String resourceVersion) {
    public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    public static final String AUDIENCE_ANNOTATION = "eks.amazonaws.com/audience";
    public static final String TOKEN_EXPIRATION_ANNOTATION = "eks.amazonaws.com/token-expiration";
    public static final String STS_REGIONAL_ENDPOINTS_ANNOTATION = "eks.amazonaws.com/sts-regional-endpoints";
    /** A pod (template) annotation: comma-separated names of containers the IRSA webhook leaves alone. */
    public static final String SKIP_CONTAINERS_ANNOTATION = "eks.amazonaws.com/skip-containers";
    /** Every service-account annotation the IRSA webhook reads: removed together once IRSA is no longer used. */
    public static final List<String> IRSA_ANNOTATIONS = List.of(ROLE_ARN_ANNOTATION, AUDIENCE_ANNOTATION,
            TOKEN_EXPIRATION_ANNOTATION, STS_REGIONAL_ENDPOINTS_ANNOTATION);
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
