package dev.pim.local.lambdaapi.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

import java.net.URI;
import java.time.Duration;

/**
 * Calls the local cloud while it is being invoked (IAM GetRole), finding it where a function does: the endpoint,
 * region and credentials its environment gives it. The call gives up after ten seconds.
 */
public final class RoleReadingHandler implements RequestHandler<RoleReadingHandler.Request, String> {

    public record Request(String roleName) {
    }

    @Override
    public String handleRequest(Request request, Context context) {
        try (IamClient iam = IamClient.builder()
                .endpointOverride(URI.create(System.getProperty("aws.endpointUrl")))
                .region(Region.AWS_GLOBAL)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(10)))
                .build()) {
            return iam.getRole(r -> r.roleName(request.roleName())).role().arn();
        }
    }
}
