package dev.pim.local.kubernetes;

import dev.pim.local.junit.LocalCloudExtension;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The demo fixture's cluster, and clients for its Kubernetes API as the migrator would build them. */
final class DemoCluster {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "us-west-2";
    static final String NAME = "demo";
    /** The fixture's access key: a session of the pim-operator role, cluster admin through its access entry. */
    static final String ACCESS_KEY = "test";
    static final String SECRET_KEY = "test";

    private DemoCluster() {
    }

    static String endpoint(LocalCloudExtension cloud) {
        return cloud.endpoint() + "/k8s/" + ACCOUNT + "/" + REGION + "/" + NAME;
    }

    static String operatorToken() {
        return EksTokens.token(ACCESS_KEY, SECRET_KEY, REGION, NAME);
    }

    /** A fabric8 client authenticated as the fixture's operator. */
    static KubernetesClient client(LocalCloudExtension cloud) {
        return client(cloud, operatorToken());
    }

    static KubernetesClient client(LocalCloudExtension cloud, String token) {
        return clientFor(endpoint(cloud), token);
    }

    static KubernetesClient clientFor(String endpoint, String token) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withAutoConfigure(false)
                .withMasterUrl(endpoint)
                .withOauthToken(token)
                .withRequestRetryBackoffLimit(0)
                .build()).build();
    }

    /** A raw GET, for checking what goes over the wire (status bodies, headers) rather than what fabric8 makes of it. */
    static HttpResponse<String> rawGet(LocalCloudExtension cloud, String path, String token) {
        return raw(cloud, "GET", path, token, null, null);
    }

    static HttpResponse<String> raw(LocalCloudExtension cloud, String method, String path, String token,
                                    String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint(cloud) + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
