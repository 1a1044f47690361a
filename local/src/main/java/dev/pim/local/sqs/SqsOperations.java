package dev.pim.local.sqs;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.HttpRequest;

import java.util.List;
import java.util.Set;

/** Which operation an SQS request asks for, and whether it can change a queue or its messages. */
final class SqsOperations {
    static final String TARGET_PREFIX = "AmazonSQS.";
    static final String UNKNOWN_OPERATION = "com.amazon.coral.service#UnknownOperationException";

    /**
     * The calls that change queues or messages. ReceiveMessage is one: it hides what it returns for the visibility
     * timeout, counts a receive, and may move a message to the dead-letter queue.
     */
    private static final Set<String> MUTATING = Set.of(
            "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "DeleteMessageBatch",
            "ChangeMessageVisibility", "ChangeMessageVisibilityBatch", "CreateQueue", "DeleteQueue",
            "SetQueueAttributes", "PurgeQueue", "TagQueue", "UntagQueue", "AddPermission", "RemovePermission",
            "StartMessageMoveTask", "CancelMessageMoveTask");

    private SqsOperations() {
    }

    static boolean mutates(String operation) {
        return MUTATING.contains(operation);
    }

    /**
     * The operation named by {@code X-Amz-Target} (JSON) or the {@code Action} parameter (query: in the form body,
     * or in the query string of a GET).
     *
     * @throws ApiError when the request names none
     */
    static String name(HttpRequest request, SqsProtocol protocol) {
        return protocol == SqsProtocol.JSON ? fromTarget(request.header("x-amz-target")) : fromAction(request);
    }

    private static String fromTarget(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX) || target.length() == TARGET_PREFIX.length()) {
            throw ApiError.of(UNKNOWN_OPERATION, 400, "unknown X-Amz-Target " + target
                    + ": an SQS request in JSON names its operation as AmazonSQS.<Operation>");
        }
        return target.substring(TARGET_PREFIX.length());
    }

    private static String fromAction(HttpRequest request) {
        List<String> actions = request.form().getOrDefault("Action", request.queryParams("Action"));
        if (actions.isEmpty() || actions.get(0).isBlank()) {
            throw ApiError.of("MissingAction", 400, "The request must contain the parameter Action.");
        }
        return actions.get(0);
    }
}
