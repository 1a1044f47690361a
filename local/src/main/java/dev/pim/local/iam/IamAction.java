package dev.pim.local.iam;

import dev.pim.local.iam.query.QueryResult;

import java.util.function.Function;

/**
 * One IAM operation: whether it can change state (counters and the crash fault count those), and what it does.
 */
record IamAction(boolean mutating, Function<IamCall, QueryResult> run) {

    static IamAction read(Function<IamCall, QueryResult> run) {
        return new IamAction(false, run);
    }

    static IamAction write(Function<IamCall, QueryResult> run) {
        return new IamAction(true, run);
    }
}
