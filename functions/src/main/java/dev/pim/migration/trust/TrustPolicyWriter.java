package dev.pim.migration.trust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Renders the model as minified JSON: keys in their original order, each value in its original shape,
 * unknown fields back in place. Keys an edit added come after the original ones.
 */
final class TrustPolicyWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator out;

    private TrustPolicyWriter(JsonGenerator out) {
        this.out = out;
    }

    static String render(TrustPolicy policy) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text)) {
            new TrustPolicyWriter(generator).document(policy);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering a trust policy in memory", e);
        }
        return text.toString();
    }

    private void document(TrustPolicy policy) throws IOException {
        out.writeStartObject();
        for (String key : policy.layout().orderWith(policy.presentKnownKeys())) {
            switch (key) {
                case TrustPolicy.VERSION -> optionalString(key, policy.version());
                case TrustPolicy.ID -> optionalString(key, policy.id());
                case TrustPolicy.STATEMENT -> statements(policy);
                default -> unknown(key, policy.layout());
            }
        }
        out.writeEndObject();
    }

    private void statements(TrustPolicy policy) throws IOException {
        out.writeFieldName(TrustPolicy.STATEMENT);
        if (!policy.statementIsList()) {
            statement(policy.statements().get(0));
            return;
        }
        out.writeStartArray();
        for (Statement statement : policy.statements()) {
            statement(statement);
        }
        out.writeEndArray();
    }

    private void statement(Statement statement) throws IOException {
        out.writeStartObject();
        for (String key : statement.layout().orderWith(statement.presentKnownKeys())) {
            switch (key) {
                case Statement.SID -> optionalString(key, statement.sid());
                case Statement.EFFECT -> optionalString(key, statement.effect());
                case Statement.PRINCIPAL -> principal(key, statement.principal());
                case Statement.NOT_PRINCIPAL -> principal(key, statement.notPrincipal());
                case Statement.ACTION -> optionalValues(key, statement.action());
                case Statement.NOT_ACTION -> optionalValues(key, statement.notAction());
                case Statement.CONDITION -> condition(statement.condition());
                default -> unknown(key, statement.layout());
            }
        }
        out.writeEndObject();
    }

    private void principal(String key, Optional<Principal> principal) throws IOException {
        if (principal.isEmpty()) {
            return;
        }
        out.writeFieldName(key);
        if (principal.get() instanceof Principal.Literal literal) {
            out.writeString(literal.value());
            return;
        }
        out.writeStartObject();
        for (Principal.Entry entry : ((Principal.Typed) principal.get()).entries()) {
            out.writeFieldName(entry.type());
            values(entry.values());
        }
        out.writeEndObject();
    }

    private void condition(Optional<Condition> condition) throws IOException {
        if (condition.isEmpty()) {
            return;
        }
        out.writeFieldName(Statement.CONDITION);
        out.writeStartObject();
        for (Condition.Block block : condition.get().blocks()) {
            out.writeFieldName(block.operator());
            out.writeStartObject();
            for (Condition.Entry entry : block.entries()) {
                out.writeFieldName(entry.key());
                values(entry.values());
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }

    private void optionalValues(String key, Optional<PolicyValues> values) throws IOException {
        if (values.isPresent()) {
            out.writeFieldName(key);
            values(values.get());
        }
    }

    private void values(PolicyValues values) throws IOException {
        if (!values.listShaped()) {
            scalar(values.items().get(0));
            return;
        }
        out.writeStartArray();
        for (JsonScalar item : values.items()) {
            scalar(item);
        }
        out.writeEndArray();
    }

    private void scalar(JsonScalar scalar) throws IOException {
        if (scalar.kind() == JsonScalar.Kind.STRING) {
            out.writeString(scalar.text());
        } else {
            out.writeRawValue(scalar.text());
        }
    }

    private void optionalString(String key, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            out.writeStringField(key, value.get());
        }
    }

    private void unknown(String key, ObjectLayout layout) throws IOException {
        String raw = layout.unknownFields().get(key);
        if (raw != null) {
            out.writeFieldName(key);
            out.writeRawValue(raw);
        }
    }
}
