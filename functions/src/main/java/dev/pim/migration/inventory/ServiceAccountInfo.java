package dev.pim.migration.inventory;

import dev.pim.migration.ServiceAccountRef;

import java.util.Map;

/** A Kubernetes service account and its annotations. */
public record ServiceAccountInfo(ServiceAccountRef ref, Map<String, String> annotations, String resourceVersion) {
    public static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";

    public String roleArnAnnotation() {
        return annotations.get(ROLE_ARN_ANNOTATION);
    }
}
