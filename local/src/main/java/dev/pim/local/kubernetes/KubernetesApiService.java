package dev.pim.local.kubernetes;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;
import dev.pim.local.state.CloudState;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every cluster's Kubernetes API server, at {@code /k8s/{account}/{region}/{cluster}} (what DescribeCluster
 * returns as the endpoint). A request is authenticated by its EKS bearer token, authorised by the cluster's
 * access entries, then served from the cluster's {@link dev.pim.local.state.KubernetesState}: reads of service
 * accounts, pods, nodes, namespaces and workloads, and PATCH/PUT of service accounts and workloads.
 */
public final class KubernetesApiService implements EmulatedService {
    private static final String SERVICE = "k8s";
    private final Supplier<CloudState> state;

    public KubernetesApiService(Supplier<CloudState> state) {
        this.state = state;
    }

    @Override
    public Operation route(HttpRequest request) {
        Optional<String[]> token = request.method().equals("POST") ? TokenRequests.target(request) : Optional.empty();
        if (token.isPresent()) {
            // Issuing a token changes no object: not a mutating call.
            return new Operation(SERVICE, "CreateServiceAccountToken", false, () -> serveToken(token.get(), request));
        }
        ApiRoute route = ApiRoute.parse(request);
        return new Operation(SERVICE, route.operationName(), route.mutating(), () -> serve(route, request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return StatusRenderer.render(error);
    }

    private HttpResponse serve(ApiRoute route, HttpRequest request) {
        CloudState cloud = state.get();
        ClusterState cluster = cloud.cluster(route.account(), route.region(), route.cluster())
                .orElseThrow(StatusErrors::pathNotFound);
        KubernetesUser user = BearerTokenAuthenticator.authenticate(cloud, cluster, request);
        if (route.document() != null) {
            return Discovery.render(route.document(), cluster);
        }
        AccessEntryAuthorizer.authorize(cluster, user, route.verb(), route.type(), route.authorizationNamespace(),
                route.name());
        return serveResource(route.type(), route, cluster, cloud, request);
    }

    /** @param target account, region, cluster, namespace and service account */
    private HttpResponse serveToken(String[] target, HttpRequest request) {
        CloudState cloud = state.get();
        ClusterState cluster = cloud.cluster(target[0], target[1], target[2]).orElseThrow(StatusErrors::pathNotFound);
        KubernetesUser user = BearerTokenAuthenticator.authenticate(cloud, cluster, request);
        // RBAC's "create serviceaccounts/token": a write on the service account.
        AccessEntryAuthorizer.authorize(cluster, user, Verb.UPDATE, ResourceType.SERVICE_ACCOUNTS, target[3], target[4]);
        return TokenRequests.create(cloud, cluster, target[3], target[4], request);
    }

    private static <T extends HasMetadata> HttpResponse serveResource(ResourceType<T> type, ApiRoute route,
                                                                      ClusterState cluster, CloudState cloud,
                                                                      HttpRequest request) {
        return switch (route.verb()) {
            case GET -> ResourceReads.get(type, cluster.kubernetes, route.namespace(), route.name());
            case LIST -> ResourceReads.list(type, cluster.kubernetes, route.namespace(), request);
            case PATCH -> ResourceWrites.patch(type, cluster, cloud.now(), route, request);
            case UPDATE -> ResourceWrites.update(type, cluster, cloud.now(), route, request);
        };
    }
}
