package dev.pim.local.lambda;

import dev.pim.local.stepfunctions.errors.StatesError;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook: makes Lambda invocations fail as the Lambda service does ({@code Lambda.ServiceException},
 * {@code Lambda.TooManyRequestsException}...) on chosen calls, without running the handler, so that a state
 * machine's Retry policies can be exercised. Calls are counted per rule from the moment the rule is added.
 */
public final class LambdaServiceFaults {
    private static final Map<String, String> DEFAULT_CAUSES = Map.of(
            "Lambda.ServiceException", "Lambda encountered an internal error. (Service: Lambda, Status Code: 500",
            "Lambda.TooManyRequestsException", "Rate Exceeded. (Service: Lambda, Status Code: 429",
            "Lambda.AWSLambdaException", "The Lambda service returned an error. (Service: Lambda, Status Code: 502",
            "Lambda.SdkClientException", "Unable to execute HTTP request: connection reset (Service: Lambda, Status Code: 0",
            "Lambda.ClientExecutionTimeoutException", "Client execution did not complete before the specified timeout"
                    + " configuration. (Service: Lambda, Status Code: 0");

    private record Rule(String functionName, int firstCall, int times, String error, AtomicInteger calls) {
        boolean applies(String name) {
            return functionName == null || functionName.equals(name);
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /** The {@code nthCall}-th invocation (of any function) fails with {@code error}. */
    public LambdaServiceFaults failCall(int nthCall, String error) {
        return failCalls(null, nthCall, 1, error);
    }

    /** Invocations {@code firstCall .. firstCall + times - 1} of {@code functionName} (null: any) fail. */
    public LambdaServiceFaults failCalls(String functionName, int firstCall, int times, String error) {
        if (firstCall < 1 || times < 1) {
            throw new IllegalArgumentException("calls count from 1 and at least one must fail");
        }
        String name = functionName == null ? null : LambdaRegistry.nameOf(functionName).orElse(functionName);
        rules.add(new Rule(name, firstCall, times, error, new AtomicInteger()));
        return this;
    }

    public void reset() {
        rules.clear();
    }

    /** Counts an invocation; the failure it must give, if a rule says so. */
    Optional<StatesError> onInvoke(String functionName) {
        Optional<StatesError> failure = Optional.empty();
        for (Rule rule : rules) {
            if (!rule.applies(functionName)) {
                continue;
            }
            int call = rule.calls().incrementAndGet();
            if (failure.isEmpty() && call >= rule.firstCall() && call < rule.firstCall() + rule.times()) {
                String cause = DEFAULT_CAUSES.getOrDefault(rule.error(), rule.error() + " (Service: Lambda, Status Code: 500")
                        + ", Request ID: " + UUID.randomUUID() + ")";
                failure = Optional.of(new StatesError(rule.error(), cause));
            }
        }
        return failure;
    }
}
