package dev.pim.local.stepfunctions.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

import java.util.Map;

/**
 * Calls back into the local cloud while its own execution runs, finding it the way a deployed handler would:
 * region, credentials and endpoint from the SDK's standard settings (here, the system properties the local Step
 * Functions sets). Returns the status it saw of the execution named in its input.
 */
public final class SelfDescribingHandler implements RequestHandler<Map<String, String>, Map<String, String>> {
    private final SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build();

    @Override
    public Map<String, String> handleRequest(Map<String, String> input, Context context) {
        DescribeExecutionResponse self = sfn.describeExecution(b -> b.executionArn(input.get("executionArn")));
        return Map.of("statusSeenFromInside", self.statusAsString(), "region", System.getProperty("aws.region"));
    }
}
