package dev.pim.migration.trust;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiPredicate;

/**
 * IAM's evaluation of a trust policy for a call ({@link CallFacts}): an explicit Deny wins, then an Allow;
 * principals, actions and conditions all count. Conditions follow the IAM condition reference (blocks and keys
 * ANDed, the values of a key ORed, negated operators true on an absent key, {@code IfExists}, {@code Null},
 * {@code ForAnyValue}/{@code ForAllValues}); a condition on a key the plan cannot know is {@link Truth#UNKNOWN},
 * and so is an operator this reading does not implement.
 */
final class TrustEvaluator {

    private TrustEvaluator() {
    }

    static TrustDecision decide(TrustPolicy policy, CallFacts call) {
        List<Integer> allowing = new ArrayList<>();
        List<Integer> mayAllow = new ArrayList<>();
        List<Integer> denying = new ArrayList<>();
        List<Integer> mayDeny = new ArrayList<>();
        for (int i = 0; i < policy.statements().size(); i++) {
            Statement statement = policy.statements().get(i);
            Truth applies = applies(statement, call);
            if (applies == Truth.FALSE) {
                continue;
            }
            if (statement.isDeny()) {
                (applies == Truth.TRUE ? denying : mayDeny).add(i);
            } else if (statement.isAllow()) {
                (applies == Truth.TRUE ? allowing : mayAllow).add(i);
            }
        }
        if (!denying.isEmpty()) {
            return new TrustDecision(TrustDecision.Outcome.DENIED, List.of(), denying);
        }
        if (!allowing.isEmpty() && mayDeny.isEmpty()) {
            return new TrustDecision(TrustDecision.Outcome.ALLOWED, allowing, List.of());
        }
        if (allowing.isEmpty() && mayAllow.isEmpty()) {
            return new TrustDecision(TrustDecision.Outcome.NOT_ALLOWED, List.of(), List.of());
        }
        return new TrustDecision(TrustDecision.Outcome.UNCERTAIN, allowing, mayDeny);
    }

    static Truth applies(Statement statement, CallFacts call) {
        boolean principal = statement.notPrincipal().isPresent()
                ? !names(statement.notPrincipal().get(), call)
                : statement.principal().map(p -> names(p, call)).orElse(false);
        boolean action = statement.notAction().isPresent()
                ? statement.notAction().get().texts().stream().noneMatch(a -> Wildcards.matches(a, call.action(), true))
                : statement.action().map(a -> a.texts().stream().anyMatch(p -> Wildcards.matches(p, call.action(), true)))
                .orElse(false);
        if (!principal || !action) {
            return Truth.FALSE;
        }
        return statement.condition().map(c -> condition(c, call)).orElse(Truth.TRUE);
    }

    private static boolean names(Principal principal, CallFacts call) {
        if (principal.isEveryone()) {
            return true;
        }
        for (String value : principal.valuesOf(call.principalType())) {
            if (value.equals(Principal.EVERYONE)) {
                return true;
            }
            boolean match = call.principalType().equals("Service")
                    ? call.principals().stream().anyMatch(value::equalsIgnoreCase) : call.principals().contains(value);
            if (match) {
                return true;
            }
        }
        return false;
    }

    static Truth condition(Condition condition, CallFacts call) {
        Truth all = Truth.TRUE;
        for (Condition.Block block : condition.blocks()) {
            for (Condition.Entry entry : block.entries()) {
                all = all.and(entry(block.parsedOperator(), entry.key(), entry.values().texts(), call));
            }
        }
        return all;
    }

    private static Truth entry(ConditionOperator op, String key, List<String> listed, CallFacts call) {
        List<String> present = call.values(key);
        if (present == null) {
            return Truth.UNKNOWN;
        }
        boolean negated = op.base().toLowerCase(Locale.ROOT).contains("not");
        if (op.base().equals("Null")) {
            boolean isAbsent = present.isEmpty();
            return Truth.of(listed.stream().anyMatch(v -> v.equalsIgnoreCase("true") == isAbsent));
        }
        BiPredicate<String, String> compare = comparison(op.base());
        if (compare == null) {
            return Truth.UNKNOWN;
        }
        if (present.isEmpty()) {
            return switch (op.qualifier()) {
                case "ForAllValues" -> Truth.TRUE;
                case "ForAnyValue" -> Truth.of(op.ifExists());
                default -> Truth.of(op.ifExists() || negated);
            };
        }
        boolean all = op.qualifier().equals("ForAllValues");
        return Truth.of(all ? present.stream().allMatch(v -> holds(listed, v, compare, negated))
                : present.stream().anyMatch(v -> holds(listed, v, compare, negated)));
    }

    /** A positive operator holds when some listed value matches; a negated one when none does. */
    private static boolean holds(List<String> listed, String value, BiPredicate<String, String> compare, boolean negated) {
        boolean any = listed.stream().anyMatch(l -> compare.test(l, value));
        return negated != any;
    }

    private static BiPredicate<String, String> comparison(String base) {
        return switch (base) {
            case "StringEquals", "StringNotEquals" -> String::equals;
            case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> String::equalsIgnoreCase;
            case "StringLike", "StringNotLike", "ArnLike", "ArnEquals", "ArnNotLike", "ArnNotEquals" ->
                    (listed, value) -> Wildcards.matches(listed, value, false);
            case "Bool" -> String::equalsIgnoreCase;
            case "NumericEquals", "NumericNotEquals" -> numeric(0);
            default -> null;
        };
    }

    private static BiPredicate<String, String> numeric(int sign) {
        return (listed, value) -> {
            try {
                return new BigDecimal(value).compareTo(new BigDecimal(listed)) == sign;
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }
}
