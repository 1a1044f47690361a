package dev.pim.local.lambdaapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.local.lambda.LambdaFunction;
import dev.pim.local.server.HttpRequest;
import dev.pim.local.server.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * GetFunction and ListFunctions: the registered functions as the FunctionConfiguration of a Java 21 zip function
 * whose handler is {@code <class>::handleRequest}. Only what the local cloud knows is said (no role, code location
 * or modification time). ListFunctions pages by name, 50 at most per page, and leaves out the fields the API
 * reserves for GetFunction ({@code State}, {@code LastUpdateStatus}).
 */
final class FunctionConfigurations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 50;
    private static final int MAX_ITEMS = 10_000;

    private final FunctionDirectory directory;

    FunctionConfigurations(FunctionDirectory directory) {
        this.directory = directory;
    }

    HttpResponse get(HttpRequest request, String functionName, String region) {
        FunctionDirectory.Target target = directory.resolve(
                FunctionRef.parse(functionName, request.queryParam("Qualifier")), region);
        ObjectNode configuration = configuration(target.function(), target.arn());
        configuration.put("State", "Active");
        configuration.put("LastUpdateStatus", "Successful");
        ObjectNode response = JSON.createObjectNode();
        response.set("Configuration", configuration);
        return HttpResponse.json(200, response.toString());
    }

    HttpResponse list(HttpRequest request, String region) {
        String version = request.queryParam("FunctionVersion");
        if (version != null && !version.equals("ALL")) {
            throw LambdaErrors.validation("functionVersion", version, "Member must satisfy enum value set: [ALL]");
        }
        int pageSize = Math.min(MAX_PAGE, maxItems(request.queryParam("MaxItems")));
        String after = request.queryParam("Marker") == null ? null : nameIn(request.queryParam("Marker"));
        List<LambdaFunction> rest = directory.all().stream()
                .filter(f -> after == null || f.name().compareTo(after) > 0).toList();
        List<LambdaFunction> page = rest.subList(0, Math.min(pageSize, rest.size()));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode functions = response.putArray("Functions");
        page.forEach(f -> functions.add(configuration(f, directory.arn(f, region))));
        if (rest.size() > page.size()) {
            response.put("NextMarker", markerAfter(page.get(page.size() - 1)));
        }
        return HttpResponse.json(200, response.toString());
    }

    private static ObjectNode configuration(LambdaFunction function, String arn) {
        ObjectNode configuration = JSON.createObjectNode();
        configuration.put("FunctionName", function.name());
        configuration.put("FunctionArn", arn);
        configuration.put("Runtime", "java21");
        configuration.put("Handler", function.handlerClass() + "::handleRequest");
        // The model's Timeout is whole seconds, at least one.
        configuration.put("Timeout", Math.max(1, (function.timeout().toMillis() + 999) / 1000));
        configuration.put("MemorySize", function.memoryMb());
        configuration.put("Version", FunctionRef.LATEST);
        configuration.put("PackageType", "Zip");
        return configuration;
    }

    private static int maxItems(String value) {
        if (value == null) {
            return MAX_PAGE;
        }
        int items;
        try {
            items = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw LambdaErrors.validation("maxItems", value, "Member must be an integer");
        }
        if (items < 1 || items > MAX_ITEMS) {
            throw LambdaErrors.validation("maxItems", value, items < 1
                    ? "Member must have value greater than or equal to 1"
                    : "Member must have value less than or equal to " + MAX_ITEMS);
        }
        return items;
    }

    /** Markers are opaque to callers: the name of the page's last function, base64url. */
    private static String markerAfter(LambdaFunction last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(last.name().getBytes(StandardCharsets.UTF_8));
    }

    private static String nameIn(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalidParameter("Invalid Marker: " + marker);
        }
    }
}
