package dev.pim.local.iam.query;

import java.util.function.Consumer;

/**
 * What an operation answers inside its {@code <ActionResult>} element; operations without output
 * (UpdateAssumeRolePolicy, TagRole...) answer {@link #none()} and get no result element at all.
 */
public record QueryResult(Consumer<XmlOut> body) {

    public static QueryResult of(Consumer<XmlOut> body) {
        return new QueryResult(body);
    }

    public static QueryResult none() {
        return new QueryResult(null);
    }

    boolean hasBody() {
        return body != null;
    }
}
