package dev.pim.migration.association;

import java.util.List;

/**
 * The part of an eksctl ClusterConfig ({@code apiVersion: eksctl.io/v1alpha5}) association commands use.
 *
 * @param file   where it was read from, for messages
 * @param region {@code metadata.region}, or the region given on the command line when the file has none
 */
public record ClusterConfig(String file, String clusterName, String region, List<AssociationRequest> associations) {

    public ClusterConfig {
        associations = List.copyOf(associations);
    }
}
