package dev.pim.local.sqs;

import dev.pim.local.server.ApiError;
import dev.pim.local.server.EmulatedService;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;
import dev.pim.local.server.Operation;

import java.io.UncheckedIOException;

/**
 * SQS on the local cloud's endpoint (requests signed for {@code sqs}), in either protocol: the operation is named
 * for counters and faults, then the request is served by {@link ElasticMq}, without the state lock (SQS keeps no
 * state of the emulator's, and a long poll must not hold up other calls). Faults are answered as SQS answers, in
 * the protocol of the request; everything else is ElasticMQ's own answer.
 */
public final class SqsService implements EmulatedService {
    public static final String SIGNING_NAME = "sqs";

    private final ElasticMq elasticMq;

    public SqsService(ElasticMq elasticMq) {
        this.elasticMq = elasticMq;
    }

    @Override
    public Operation route(HttpRequest request) {
        String name = SqsOperations.name(request, SqsProtocol.of(request));
        return Operation.withoutStateLock(SIGNING_NAME, name, SqsOperations.mutates(name), () -> forward(request));
    }

    @Override
    public HttpResponse render(ApiError error, HttpRequest request) {
        return SqsErrors.render(error, SqsProtocol.of(request));
    }

    private HttpResponse forward(HttpRequest request) {
        try {
            return elasticMq.forward(request);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw ApiError.of(SqsErrors.INTERNAL_ERROR, 500, e.getMessage());
        }
    }
}
