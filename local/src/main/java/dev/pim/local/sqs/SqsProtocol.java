package dev.pim.local.sqs;

import dev.pim.local.server.HttpRequest;

import java.util.Locale;

/**
 * The two wire protocols SQS clients speak: AWS JSON 1.0 ({@code X-Amz-Target: AmazonSQS.<Operation>}; the AWS
 * SDK for Java v2 and botocore send it), and the older query protocol (a form with {@code Action=<Operation>},
 * answered in XML), which ElasticMQ also serves. Errors the local cloud makes itself are answered in the protocol
 * the request used.
 */
enum SqsProtocol {
    JSON,
    QUERY;

    static SqsProtocol of(HttpRequest request) {
        String contentType = request.header("content-type");
        boolean json = request.header("x-amz-target") != null
                || contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-amz-json");
        return json ? JSON : QUERY;
    }
}
