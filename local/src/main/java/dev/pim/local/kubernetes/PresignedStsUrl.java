package dev.pim.local.kubernetes;

import dev.pim.local.server.HttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The presigned STS {@code GetCallerIdentity} URL inside an EKS bearer token, checked the way
 * aws-iam-authenticator's {@code pkg/token/token.go} checks it, and its SigV4 query signature recomputed the
 * way STS would, which binds the token to the cluster named in the signed {@code x-k8s-aws-id} header.
 */
final class PresignedStsUrl {
    static final String TOKEN_PREFIX = "k8s-aws-v1.";
    static final int MAX_TOKEN_LENGTH = 4096;
    /** STS accepts a presigned URL this long after its X-Amz-Date, whatever X-Amz-Expires says. */
    static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final Set<String> ALLOWED_PARAMETERS = Set.of("action", "version", "x-amz-algorithm",
            "x-amz-credential", "x-amz-date", "x-amz-expires", "x-amz-security-token", "x-amz-signature",
            "x-amz-signedheaders");
    private static final Pattern STS_HOST = Pattern.compile(
            "sts(\\.[a-z]{2}(-[a-z]+)+-\\d+)?\\.amazonaws\\.com(\\.cn)?");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String EMPTY_PAYLOAD_SHA256 = sha256Hex("");

    private final String host;
    /** Parameter values by lower-cased name. */
    private final Map<String, String> parameters;
    /** The parameters as sent, names untouched, for the canonical query string. */
    private final Map<String, String> rawParameters;
    private final Instant signedAt;

    private PresignedStsUrl(String host, Map<String, String> parameters, Map<String, String> rawParameters,
                            Instant signedAt) {
        this.host = host;
        this.parameters = parameters;
        this.rawParameters = rawParameters;
        this.signedAt = signedAt;
    }

    /** Parses and checks a bearer token; throws {@link TokenRejected} saying what is wrong with it. */
    static PresignedStsUrl fromToken(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenRejected("token is too large");
        }
        if (!token.startsWith(TOKEN_PREFIX)) {
            throw new TokenRejected("token is missing expected \"" + TOKEN_PREFIX + "\" prefix");
        }
        String encoded = token.substring(TOKEN_PREFIX.length());
        URI url;
        try {
            if (encoded.contains("=")) {
                throw new IllegalArgumentException("padding is not allowed");
            }
            url = new URI(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | URISyntaxException e) {
            throw new TokenRejected("token is not a base64url-encoded URL: " + e.getMessage());
        }
        if (!"https".equals(url.getScheme())) {
            throw new TokenRejected("unexpected scheme \"" + url.getScheme() + "\" in pre-signed URL");
        }
        String host = url.getRawAuthority() == null ? "" : url.getRawAuthority().toLowerCase(Locale.ROOT);
        if (!STS_HOST.matcher(host).matches()) {
            throw new TokenRejected("unexpected hostname \"" + host + "\" in pre-signed URL");
        }
        if (!"/".equals(url.getRawPath())) {
            throw new TokenRejected("unexpected path in pre-signed URL");
        }
        return checked(host, url.getRawQuery());
    }

    private static PresignedStsUrl checked(String host, String rawQuery) {
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> lower = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : HttpRequest.parseForm(rawQuery).entrySet()) {
            String name = p.getKey().toLowerCase(Locale.ROOT);
            if (!ALLOWED_PARAMETERS.contains(name)) {
                throw new TokenRejected("non-whitelisted query parameter \"" + p.getKey() + "\"");
            }
            if (p.getValue().size() != 1 || lower.containsKey(name)) {
                throw new TokenRejected("query parameter with multiple values not supported");
            }
            raw.put(p.getKey(), p.getValue().get(0));
            lower.put(name, p.getValue().get(0));
        }
        if (!"GetCallerIdentity".equals(lower.get("action"))) {
            throw new TokenRejected("unexpected action parameter in pre-signed URL");
        }
        List<String> signed = List.of(lower.getOrDefault("x-amz-signedheaders", "").toLowerCase(Locale.ROOT).split(";"));
        if (!signed.contains("x-k8s-aws-id")) {
            throw new TokenRejected("client did not sign the x-k8s-aws-id header in the pre-signed URL");
        }
        int expires = parseExpires(lower.get("x-amz-expires"));
        if (expires < 0 || expires > VALIDITY.toSeconds()) {
            throw new TokenRejected("invalid X-Amz-Expires parameter in pre-signed URL: " + expires);
        }
        return new PresignedStsUrl(host, lower, raw, parseDate(lower.get("x-amz-date")));
    }

    private static int parseExpires(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new TokenRejected("invalid X-Amz-Expires parameter in pre-signed URL: " + value);
        }
    }

    private static Instant parseDate(String value) {
        if (value == null || value.isEmpty()) {
            throw new TokenRejected("X-Amz-Date parameter must be present in pre-signed URL");
        }
        try {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new TokenRejected("error parsing X-Amz-Date parameter " + value);
        }
    }

    /** Refuses a token past its 15 minutes, or signed so far ahead that STS would call it not yet current. */
    void checkCurrent(Instant now) {
        if (now.isAfter(signedAt.plus(VALIDITY))) {
            throw new TokenRejected("X-Amz-Date parameter is expired (15 minute expiration) " + signedAt);
        }
        if (signedAt.isAfter(now.plus(VALIDITY))) {
            throw new TokenRejected("signature not yet current: X-Amz-Date " + signedAt + " is in the future");
        }
    }

    String accessKeyId() {
        return parameters.getOrDefault("x-amz-credential", "").split("/")[0];
    }

    String securityToken() {
        return parameters.get("x-amz-security-token");
    }

    /**
     * Whether the URL carries a valid SigV4 signature by {@code secretAccessKey} for a request whose
     * {@code x-k8s-aws-id} header is {@code clusterName}. The payload is the empty body, whose hash SDK
     * presigners for STS sign (only S3 presigns {@code UNSIGNED-PAYLOAD}).
     */
    boolean signedBy(String secretAccessKey, String clusterName) {
        String[] scope = parameters.getOrDefault("x-amz-credential", "").split("/");
        String amzDate = parameters.get("x-amz-date");
        if (scope.length != 5 || !"AWS4-HMAC-SHA256".equals(parameters.get("x-amz-algorithm"))
                || !"sts".equals(scope[3]) || !"aws4_request".equals(scope[4]) || !amzDate.startsWith(scope[1])) {
            return false;
        }
        String signature = parameters.getOrDefault("x-amz-signature", "");
        byte[] key = signingKey(secretAccessKey, scope[1], scope[2], scope[3]);
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String canonical = canonicalRequest(clusterName);
        if (canonical == null) {
            return false;
        }
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + credentialScope + "\n" + sha256Hex(canonical);
        return MessageDigest.isEqual(HexFormat.of().formatHex(hmac(key, toSign)).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The SigV4 canonical request of the signed GET; null if it signs a header whose value cannot be known. */
    private String canonicalRequest(String clusterName) {
        List<String> query = new ArrayList<>();
        rawParameters.entrySet().stream()
                .filter(p -> !p.getKey().equalsIgnoreCase("X-Amz-Signature"))
                .map(p -> Map.entry(SdkHttpUtils.urlEncode(p.getKey()), SdkHttpUtils.urlEncode(p.getValue())))
                .sorted(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
                .forEach(p -> query.add(p.getKey() + "=" + p.getValue()));
        String signedHeaders = parameters.get("x-amz-signedheaders").toLowerCase(Locale.ROOT);
        StringBuilder headers = new StringBuilder();
        for (String header : signedHeaders.split(";")) {
            String value = switch (header) {
                case "host" -> host;
                case "x-k8s-aws-id" -> clusterName;
                default -> null;
            };
            if (value == null) {
                return null;
            }
            headers.append(header).append(':').append(value).append('\n');
        }
        return "GET\n/\n" + String.join("&", query) + "\n" + headers + "\n" + signedHeaders + "\n" + EMPTY_PAYLOAD_SHA256;
    }

    private static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a token was refused; the API server answers every such case with the same 401. */
    static final class TokenRejected extends RuntimeException {
        TokenRejected(String message) {
            super(message);
        }
    }
}
