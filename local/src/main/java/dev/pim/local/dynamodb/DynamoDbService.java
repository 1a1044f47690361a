package dev.pim.local.dynamodb;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;

import java.io.UncheckedIOException;
import java.util.Set;

/**
 * DynamoDB on the local cloud's endpoint (requests signed for {@code dynamodb}): the operation is named by
 * {@code X-Amz-Target: DynamoDB_20120810.<Operation>} for counters and faults, then the request is served by
 * {@link DynamoDbLocal}, without the state lock (DynamoDB keeps no state of the emulator's). Faults are
 * answered as DynamoDB answers (JSON 1.0, {@code __type}); everything else is DynamoDB Local's own answer.
 */
public final class DynamoDbService implements EmulatedService {
    public static final String SIGNING_NAME = "dynamodb";
    private static final Set<String> TARGET_PREFIXES = Set.of("DynamoDB_20120810", "DynamoDBStreams_20120810");
    private static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";

    private final DynamoDbLocal dynamoDb;

    public DynamoDbService(DynamoDbLocal dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    @Override
    public Operation route(HttpRequest request) {
        String name = operationName(request.header("x-amz-target"));
        return Operation.withoutStateLock(SIGNING_NAME, name, DynamoDbWrites.mutates(name, request.body()),
                () -> forward(request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return DynamoDbErrors.render(error);
    }

    private HttpResponse forward(HttpRequest request) {
        try {
            return dynamoDb.forward(request);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw ApiError.of(DynamoDbErrors.INTERNAL_SERVER_ERROR, 500, e.getMessage());
        }
    }

    private static String operationName(String target) {
        if (target == null || target.isBlank()) {
            throw ApiError.of(UNKNOWN_OPERATION, 400,
                    "a DynamoDB request names its operation in the X-Amz-Target header (DynamoDB_20120810.<Operation>)");
        }
        int dot = target.indexOf('.');
        if (dot < 0 || !TARGET_PREFIXES.contains(target.substring(0, dot)) || dot == target.length() - 1) {
            throw ApiError.of(UNKNOWN_OPERATION, 400, "unknown X-Amz-Target " + target
                    + ": expected DynamoDB_20120810.<Operation>");
        }
        return target.substring(dot + 1);
    }
}
