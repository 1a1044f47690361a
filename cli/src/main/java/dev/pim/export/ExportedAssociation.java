package dev.pim.export;

import dev.pim.migration.ServiceAccountRef;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Pod Identity association as EKS describes it.
 *
 * @param targetRoleArn the role chained into (cross-account), or null
 * @param addon         the add-on that owns it (EKS manages it through {@code UpdateAddon}), or null
 * @param tags          sorted by key
 */
public record ExportedAssociation(String id, String arn, ServiceAccountRef serviceAccount, String roleArn, String targetRoleArn,
                                  String addon, Map<String, String> tags) {

    public ExportedAssociation {
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
