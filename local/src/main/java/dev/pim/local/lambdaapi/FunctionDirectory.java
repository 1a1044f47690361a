package dev.pim.local.lambdaapi;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.lambda.LambdaFunction;
import dev.pim.local.lambda.LambdaRegistry;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The functions the Lambda API serves: those registered with the local Step Functions ({@code lambdas()}), which
 * belong to the fixture's first account and answer in every region, with one version, {@code $LATEST}.
 */
final class FunctionDirectory {
    /** The account of a fixture that declares none. */
    private static final String NO_ACCOUNT = "000000000000";

    private final LambdaRegistry registry;
    private final Supplier<Fixture> fixture;

    /** The function a request names, its ARN in the request's region, and the ARN it was invoked by. */
    record Target(LambdaFunction function, String arn, String invokedArn) {
    }

    FunctionDirectory(LambdaRegistry registry, Supplier<Fixture> fixture) {
        this.registry = registry;
        this.fixture = fixture;
    }

    static String arn(String region, String accountId, String name) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }

    String accountId() {
        List<Fixture.Account> accounts = fixture.get().accounts();
        return accounts.isEmpty() ? NO_ACCOUNT : accounts.get(0).id();
    }

    String arn(LambdaFunction function, String region) {
        return arn(region, accountId(), function.name());
    }

    /**
     * The registered function {@code ref} names, in {@code region}.
     *
     * @throws dev.pim.local.server.ApiError 404 ResourceNotFoundException when no such function is registered, the
     *                                       ARN names another account, or the qualifier is not {@code $LATEST}
     */
    Target resolve(FunctionRef ref, String region) {
        String accountId = accountId();
        boolean ours = ref.latest() && (ref.accountId() == null || ref.accountId().equals(accountId));
        Optional<LambdaFunction> found = ours ? registry.find(ref.name()) : Optional.empty();
        LambdaFunction function = found.orElseThrow(() -> LambdaErrors.functionNotFound(ref.qualifiedArn(region, accountId)));
        return new Target(function, arn(function, region), ref.qualifiedArn(region, accountId));
    }

    /** Every registered function, by name. */
    List<LambdaFunction> all() {
        return registry.functions();
    }

    LambdaRegistry registry() {
        return registry;
    }
}
