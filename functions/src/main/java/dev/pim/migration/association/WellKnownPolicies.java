package dev.pim.migration.association;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The permissions eksctl grants for each {@link WellKnownPolicy}: the data file
 * {@code association/well-known-policies.json} (managed policies by name, inline statements by eksctl's policy name).
 */
public final class WellKnownPolicies {
    private static final String RESOURCE = "/association/well-known-policies.json";
    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode catalogue;

    private WellKnownPolicies(JsonNode catalogue) {
        this.catalogue = catalogue;
    }

    public static WellKnownPolicies load() {
        try (InputStream in = WellKnownPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return new WellKnownPolicies(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The managed policy ARNs and inline policy documents for these names, in the given partition. */
    public PolicyGrants grants(Collection<WellKnownPolicy> policies, String partition) {
        List<String> managed = new ArrayList<>();
        Map<String, String> inline = new LinkedHashMap<>();
        for (WellKnownPolicy policy : policies) {
            JsonNode entry = catalogue.get(policy.configName());
            entry.get("managed").forEach(name -> managed.add("arn:" + partition + ":iam::aws:policy/" + name.asText()));
            entry.get("inline").fields().forEachRemaining(named ->
                    inline.put(named.getKey(), document(named.getValue(), partition)));
        }
        return new PolicyGrants(managed, inline);
    }

    private String document(JsonNode statements, String partition) {
        ObjectNode document = json.createObjectNode();
        document.put("Version", "2012-10-17");
        document.set("Statement", statements);
        try {
            return json.writeValueAsString(document).replace("${partition}", partition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
