package dev.pim.cli;

import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where the AWS calls go: the region and, for the local cloud, the endpoint. */
final class AwsOptions {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

    @Option(names = {"-r", "--region"}, description = "AWS region (default: AWS_REGION, then AWS_DEFAULT_REGION).")
    String region;

    @Option(names = "--endpoint-url", description = "Send every AWS call to this endpoint, e.g. the local cloud "
            + "http://127.0.0.1:4566 (default: AWS_ENDPOINT_URL). Credentials come from the default chain.")
    String endpointUrl;

    /** The region to use; refuses names that are not regions. */
    String region() {
        String chosen = Optional.ofNullable(region).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION"))).orElse(null);
        if (chosen == null || chosen.isBlank()) {
            throw new UsageException("no region: pass --region or set AWS_REGION");
        }
        if (!REGION.matcher(chosen).matches() || (endpoint() == null && !Region.regions().contains(Region.of(chosen)))) {
            throw new UsageException("unknown region '" + chosen + "' (--region): expected a region such as us-west-2");
        }
        return chosen;
    }

    /** The endpoint every call goes to, or null for AWS's own; refuses one that is not an http(s) URL. */
    URI endpoint() {
        if (endpointUrl != null) {
            return parsed(endpointUrl, "--endpoint-url");
        }
        String env = System.getenv("AWS_ENDPOINT_URL");
        return env == null || env.isBlank() ? null : parsed(env, "AWS_ENDPOINT_URL");
    }

    private static URI parsed(String text, String from) {
        try {
            return checked(new URI(text), from);
        } catch (URISyntaxException e) {
            throw new UsageException(from + ": '" + text + "' is not a URL (" + e.getReason() + "); give one such as "
                    + "http://127.0.0.1:4566");
        }
    }

    private static URI checked(URI endpoint, String from) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
            throw new UsageException(from + ": '" + endpoint + "' is not an http:// or https:// URL with a host; "
                    + "give one such as http://127.0.0.1:4566");
        }
        return endpoint;
    }
}
