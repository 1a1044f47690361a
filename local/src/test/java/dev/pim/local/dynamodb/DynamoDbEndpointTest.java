package dev.pim.local.dynamodb;

import dev.pim.local.fault.ErrorRule;
import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryUtils;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbEndpointTest {
    private static final String TABLE = "journal";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(cloud.endpoint())
            .region(Region.US_WEST_2)
            .credentialsProvider(StaticCredentialsProvider.create(AwsClients.DEMO_KEY))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    @Test
    void createsATableThenPutsGetsAndQueriesItems() {
        createTable();
        put("RUN#1", "ENTRY#2", "second");
        put("RUN#1", "ENTRY#1", "first");
        put("RUN#2", "ENTRY#1", "other run");

        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "ENTRY#2"))).item();
        QueryResponse entries = dynamo.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RUN#1"))));

        assertThat(item.get("body").s()).isEqualTo("second");
        assertThat(entries.items()).extracting(i -> i.get("body").s()).containsExactly("first", "second");
    }

    @Test
    void aConditionThatFailsIsConditionalCheckFailedException() {
        createTable();
        put("RUN#1", "RUN", "started");

        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName(TABLE).item(item("RUN#1", "RUN", "again"))
                .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "RUN"))).item().get("body").s())
                .isEqualTo("started");
    }

    @Test
    void callsAreCountedByOperationAndWritesAsMutating() {
        createTable();
        put("RUN#1", "RUN", "started");
        dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "RUN")));
        dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "RUN")));

        assertThat(cloud.counters().count("dynamodb:CreateTable")).isEqualTo(1);
        assertThat(cloud.counters().count("dynamodb:GetItem")).isEqualTo(2);
        assertThat(cloud.counters().mutatingSnapshot())
                .containsOnlyKeys("dynamodb:CreateTable", "dynamodb:PutItem");
    }

    @Test
    void aPartiQlStatementIsMutatingUnlessItOnlySelects() {
        createTable();
        String select = "SELECT * FROM \"" + TABLE + "\" WHERE pk = 'RUN#1'";
        cloud.faults().crashAfterMutatingCalls(1);
        dynamo.executeStatement(r -> r.statement(select));
        dynamo.executeStatement(r -> r.statement(select));

        dynamo.executeStatement(r -> r.statement("INSERT INTO \"" + TABLE + "\" VALUE {'pk': 'RUN#1', 'sk': 'RUN'}"));

        assertThatThrownBy(() -> dynamo.executeStatement(r -> r.statement(select)))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash"));
    }

    @Test
    void writesOverTheRateLimitAreThrottledAsDynamoDbThrottles() {
        createTable();
        cloud.faults().rateLimit("dynamodb:write", 0.01, 1);
        put("RUN#1", "ENTRY#1", "within the burst");

        assertThatThrownBy(() -> put("RUN#1", "ENTRY#2", "over the limit"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(RetryUtils.isThrottlingException(e)).isTrue();
                });
        dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "ENTRY#1")));
    }

    @Test
    void anInjectedFailureWithoutACodeIsInternalServerError() {
        createTable();
        cloud.faults().error(ErrorRule.onCall("dynamodb:PutItem", 1));

        assertThatThrownBy(() -> put("RUN#1", "ENTRY#1", "lost"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
                });
    }

    @Test
    void anInjectedDynamoDbErrorComesBackAsItsModelledException() {
        createTable();
        cloud.faults().error(ErrorRule.onCall("dynamodb:GetItem", 1)
                .answering("ResourceNotFoundException", 400, "Requested resource not found"));

        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "RUN"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Requested resource not found");
    }

    @Test
    void afterTheCrashEveryCallFailsWithEmulatedCrash() {
        createTable();
        cloud.faults().crashAfterMutatingCalls(1);
        put("RUN#1", "ENTRY#1", "the last write");

        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "ENTRY#1"))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EmulatedCrash");
                });
    }

    @Test
    void resetDropsEveryTable() {
        createTable();
        put("RUN#1", "RUN", "started");

        cloud.cloud().reset();

        assertThat(dynamo.listTables().tableNames()).isEmpty();
        assertThat(cloud.counters().totalCalls()).isEqualTo(1);
    }

    @Test
    void aDynamoDbCallIsServedWhileTheStateLockIsHeld() {
        createTable();
        // Holding the state lock stops every IAM, STS, EKS and Kubernetes call; a DynamoDB call must not wait for it.
        String answer = cloud.cloud().read(state -> CompletableFuture.supplyAsync(() -> {
                    put("RUN#1", "RUN", "written under the lock");
                    return dynamo.getItem(r -> r.tableName(TABLE).key(key("RUN#1", "RUN"))).item().get("body").s();
                }).completeOnTimeout("blocked by the state lock", 20, TimeUnit.SECONDS).join());

        assertThat(answer).isEqualTo("written under the lock");
    }

    @Test
    void aRequestWithoutATargetIsAnUnknownOperation() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-west-2/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("com.amazon.coral.service#UnknownOperationException", "X-Amz-Target");
    }

    private void createTable() {
        dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    }

    private void put(String pk, String sk, String body) {
        dynamo.putItem(r -> r.tableName(TABLE).item(item(pk, sk, body)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String body) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "body", AttributeValue.fromS(body));
    }
}
