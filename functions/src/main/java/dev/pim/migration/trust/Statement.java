package dev.pim.migration.trust;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One trust-policy statement. Elements IAM defines are typed; anything else (e.g. {@code Resource}, or a
 * misspelt key) stays in {@link #layout()} and is rendered back where it was.
 */
public record Statement(
        Optional<String> sid,
        Optional<String> effect,
        Optional<Principal> principal,
        Optional<Principal> notPrincipal,
        Optional<PolicyValues> action,
        Optional<PolicyValues> notAction,
        Optional<Condition> condition,
        ObjectLayout layout) {

    public static final String SID = "Sid";
    public static final String EFFECT = "Effect";
    public static final String PRINCIPAL = "Principal";
    public static final String NOT_PRINCIPAL = "NotPrincipal";
    public static final String ACTION = "Action";
    public static final String NOT_ACTION = "NotAction";
    public static final String CONDITION = "Condition";
    static final List<String> KNOWN_KEYS = List.of(SID, EFFECT, PRINCIPAL, NOT_PRINCIPAL, ACTION, NOT_ACTION, CONDITION);

    public boolean isAllow() {
        return effect.filter("Allow"::equals).isPresent();
    }

    public boolean isDeny() {
        return effect.filter("Deny"::equals).isPresent();
    }

    /** Whether the statement uses {@code NotPrincipal} or {@code NotAction}, whose reach is "all but". */
    public boolean isNegated() {
        return notPrincipal.isPresent() || notAction.isPresent();
    }

    /** Whether {@code Action} names {@code wanted} directly or through a wildcard (case-insensitive). */
    public boolean namesAction(String wanted) {
        return action.stream().flatMap(values -> values.texts().stream())
                .anyMatch(pattern -> Wildcards.matches(pattern, wanted, true));
    }

    public List<String> principalValues(String type) {
        return principal.map(p -> p.valuesOf(type)).orElse(List.of());
    }

    public Statement withCondition(Condition newCondition) {
        return new Statement(sid, effect, principal, notPrincipal, action, notAction, Optional.of(newCondition), layout);
    }

    /** The known keys that have a value, in the canonical order used for keys an edit adds. */
    List<String> presentKnownKeys() {
        return Stream.of(
                        sid.map(v -> SID), effect.map(v -> EFFECT), principal.map(v -> PRINCIPAL),
                        notPrincipal.map(v -> NOT_PRINCIPAL), action.map(v -> ACTION), notAction.map(v -> NOT_ACTION),
                        condition.map(v -> CONDITION))
                .flatMap(Optional::stream).toList();
    }

    /** How notes name this statement: its 1-based position and its Sid, if any. */
    public static String label(int index, Statement statement) {
        return "statement " + (index + 1) + statement.sid().map(sid -> " (Sid \"" + sid + "\")").orElse("");
    }
}
