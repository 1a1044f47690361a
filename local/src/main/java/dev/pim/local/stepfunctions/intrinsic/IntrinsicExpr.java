package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.local.stepfunctions.json.JsonPathExpr;

import java.util.List;

/** A parsed intrinsic function call or one of its arguments. */
public sealed interface IntrinsicExpr {

    /**
     * A literal argument: a quoted string.
     *
     * @param raw for strings, the text between the quotes with its escapes, which States.Format needs to tell
     *            an escaped {@code \{} from a placeholder
     */
    record Literal(JsonNode value, String raw) implements IntrinsicExpr {
    }

    /** A path argument, read from the state's data ({@code $.x}) or the context object ({@code $$.x}). */
    record PathArgument(JsonPathExpr path) implements IntrinsicExpr {
    }

    /** {@code States.Name(arguments...)}. */
    record Call(String function, List<IntrinsicExpr> arguments) implements IntrinsicExpr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }
}
