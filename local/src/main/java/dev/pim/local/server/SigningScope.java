package dev.pim.local.server;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SigV4 credential scope a request was signed with ({@code AKID/20240101/us-west-2/eks/aws4_request}),
 * from the Authorization header or from presigned query parameters. It says which service the request is
 * for, in which region, and with which access key.
 */
public record SigningScope(String accessKeyId, String date, String region, String service) {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request");

    public static Optional<SigningScope> of(HttpRequest request) {
        String authorization = request.header("authorization");
        if (authorization != null) {
            Matcher m = CREDENTIAL.matcher(authorization);
            if (m.find()) {
                return Optional.of(new SigningScope(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        String credential = request.queryParam("X-Amz-Credential");
        if (credential != null) {
            String[] parts = credential.split("/");
            if (parts.length == 5) {
                return Optional.of(new SigningScope(parts[0], parts[1], parts[2], parts[3]));
            }
        }
        return Optional.empty();
    }
}
