package dev.pim.aws;

import dev.pim.fleet.ClusterDirectory;
import dev.pim.fleet.FleetAccessException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** {@link ClusterDirectory} over EKS: SDK errors become {@link FleetAccessException}s with the service's message. */
public final class EksClusterDirectory implements ClusterDirectory {
    private final BiFunction<String, String, AwsClients> clients;

    /** @param clients the clients of a region, acting through a member account's role when one is given */
    public EksClusterDirectory(BiFunction<String, String, AwsClients> clients) {
        this.clients = clients;
    }

    @Override
    public List<String> clusters(String region, String assumeRoleArn) {
        try {
            return clients.apply(region, assumeRoleArn).eks().listClustersPaginator(r -> { }).clusters().stream().toList();
        } catch (SdkException e) {
            throw new FleetAccessException(e.getMessage(), e);
        }
    }

    @Override
    public Map<String, String> tags(String region, String assumeRoleArn, String cluster) {
        try {
            Map<String, String> tags = clients.apply(region, assumeRoleArn).eks().describeCluster(r -> r.name(cluster))
                    .cluster().tags();
            return tags == null ? Map.of() : tags;
        } catch (SdkException e) {
            throw new FleetAccessException(e.getMessage(), e);
        }
    }
}
