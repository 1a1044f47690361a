package dev.pim.migration.association;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The names eksctl accepts under {@code wellKnownPolicies} (and in {@code --well-known-policies}). */
public enum WellKnownPolicy {
    IMAGE_BUILDER("imageBuilder"),
    AUTO_SCALER("autoScaler"),
    AWS_LOAD_BALANCER_CONTROLLER("awsLoadBalancerController"),
    EXTERNAL_DNS("externalDNS"),
    CERT_MANAGER("certManager"),
    EBS_CSI_CONTROLLER("ebsCSIController"),
    EFS_CSI_CONTROLLER("efsCSIController");

    private final String configName;

    WellKnownPolicy(String configName) {
        this.configName = configName;
    }

    /** The name as written in a ClusterConfig. */
    public String configName() {
        return configName;
    }

    public static Optional<WellKnownPolicy> named(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst();
    }

    /** Every name, for messages that list what is accepted. */
    public static String names() {
        return Arrays.stream(values()).map(WellKnownPolicy::configName).collect(Collectors.joining(", "));
    }
}
