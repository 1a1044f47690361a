package dev.pim.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which DynamoDB calls can change state (they count as mutating: "crash after the k-th mutating call", the
 * {@code dynamodb:write} rate limit): item writes, table and TTL changes, tags, backups and the like; and
 * PartiQL calls unless every statement is a {@code SELECT}.
 */
final class DynamoDbWrites {
    private static final Pattern WRITE_VERBS =
            Pattern.compile("(Put|Update|Delete|Create|Restore|Import|Export|Enable|Disable|Tag|Untag)[A-Z].*");
    private static final Set<String> BATCH_WRITES = Set.of("BatchWriteItem", "TransactWriteItems");
    private static final Set<String> PARTIQL = Set.of("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbWrites() {
    }

    static boolean mutates(String operation, byte[] body) {
        if (PARTIQL.contains(operation)) {
            return statements(body).stream().anyMatch(s -> !s.strip().toUpperCase(Locale.ROOT).startsWith("SELECT"));
        }
        return BATCH_WRITES.contains(operation) || WRITE_VERBS.matcher(operation).matches();
    }

    /** The PartiQL statements of a request; none when the body is unreadable (DynamoDB then refuses it). */
    private static List<String> statements(byte[] body) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode request = JSON.readTree(body);
            if (request == null) {
                return out;
            }
            addStatement(out, request);
            request.path("Statements").forEach(s -> addStatement(out, s));
            request.path("TransactStatements").forEach(s -> addStatement(out, s));
        } catch (IOException e) {
            // Not JSON: DynamoDB Local answers it with a serialization error, which changes nothing.
        }
        return out;
    }

    private static void addStatement(List<String> out, JsonNode node) {
        JsonNode statement = node.path("Statement");
        if (statement.isTextual()) {
            out.add(statement.textValue());
        }
    }
}
