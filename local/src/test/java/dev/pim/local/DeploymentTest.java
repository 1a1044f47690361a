package dev.pim.local;

import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.server.DeploymentGate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is deployed on the local cloud through its APIs is there before anyone else's call, and after every reset. */
class DeploymentTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @Test
    void callsWaitUntilTheDeploymentAtStartIsDoneButTheAdminApiAnswers() throws Exception {
        AtomicReference<URI> endpoint = new AtomicReference<>();
        CountDownLatch deploying = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Deployment slow = cloud -> {
            createRole(cloud.endpoint(), "deployed");
            endpoint.set(cloud.endpoint());
            deploying.countDown();
            await(finish);
        };
        CompletableFuture<LocalCloud> starting = CompletableFuture.supplyAsync(() -> LocalCloud.start(
                FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, 0, List.of(slow)));
        assertThat(deploying.await(60, TimeUnit.SECONDS)).isTrue();

        try (IamClient iam = iam(endpoint.get(), false)) {
            CompletableFuture<String> early = CompletableFuture.supplyAsync(
                    () -> iam.getRole(r -> r.roleName("deployed")).role().arn());
            assertThat(get(endpoint.get(), "/_pim/health").statusCode()).isEqualTo(200);
            Thread.sleep(300);
            assertThat(early).as("a call made while deploying").isNotDone();

            finish.countDown();
            try (LocalCloud cloud = starting.get(60, TimeUnit.SECONDS)) {
                assertThat(early.get(60, TimeUnit.SECONDS)).endsWith(":role/deployed");
            }
        }
    }

    @Test
    void aResetDeploysAgainWhatWasDeployedWithoutCountingItsCalls() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (LocalCloud cloud = LocalCloud.start(FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, 0);
             IamClient iam = iam(cloud.endpoint(), false)) {
            cloud.deploy(c -> {
                runs.incrementAndGet();
                createRole(c.endpoint(), "deployed");
            });
            iam.deleteRole(r -> r.roleName("deployed"));
            assertThatThrownBy(() -> iam.getRole(r -> r.roleName("deployed"))).isInstanceOf(NoSuchEntityException.class);

            cloud.reset();
            assertThat(iam.getRole(r -> r.roleName("deployed")).role()).isNotNull();

            HttpResponse<String> reset = post(cloud.endpoint(), "/_pim/reset");
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
            assertThat(iam.getRole(r -> r.roleName("deployed")).role()).isNotNull();
            assertThat(runs).hasValue(3);
            assertThat(cloud.counters().snapshot()).as("only the test's own calls").containsOnlyKeys("iam:GetRole");
        }
    }

    @Test
    void aDeploymentThatFailsAtStartFailsTheStartAndFreesThePort() throws Exception {
        AtomicReference<URI> endpoint = new AtomicReference<>();
        Deployment broken = cloud -> {
            endpoint.set(cloud.endpoint());
            throw new IllegalStateException("template.yaml has no MigrationQueue");
        };

        assertThatThrownBy(() -> LocalCloud.start(FixtureLoader.load("demo"), LocalCloud.DEFAULT_HOST, 0, List.of(broken)))
                .hasMessage("template.yaml has no MigrationQueue");
        assertThatThrownBy(() -> get(endpoint.get(), "/_pim/health")).isInstanceOf(java.net.ConnectException.class);
    }

    /** As a deployment does: its client marks its calls as the deployment's own. */
    private static void createRole(URI endpoint, String name) {
        try (IamClient iam = iam(endpoint, true)) {
            iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST));
        }
    }

    private static IamClient iam(URI endpoint, boolean deploying) {
        return IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(1)).build())
                .overrideConfiguration(c -> {
                    c.retryStrategy(AwsRetryStrategy.doNotRetry());
                    if (deploying) {
                        c.putHeader(DeploymentGate.HEADER, "true");
                    }
                })
                .build();
    }

    private static HttpResponse<String> get(URI endpoint, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI endpoint, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
