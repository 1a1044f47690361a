package dev.pim.local.stepfunctions.asl;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The comparison operators of Choice Rules, each with the kind of value it compares. */
public enum ComparisonOperator {
    STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQ),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LT),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GT),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LE),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GE),
    STRING_MATCHES("StringMatches", Kind.PATTERN, Relation.EQ),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMBER, Relation.EQ),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMBER, Relation.LT),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMBER, Relation.GT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMBER, Relation.LE),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMBER, Relation.GE),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQ),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GT),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LE),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GE),
    IS_NULL("IsNull", Kind.TYPE_TEST, Relation.EQ),
    IS_PRESENT("IsPresent", Kind.TYPE_TEST, Relation.EQ),
    IS_NUMERIC("IsNumeric", Kind.TYPE_TEST, Relation.EQ),
    IS_STRING("IsString", Kind.TYPE_TEST, Relation.EQ),
    IS_BOOLEAN("IsBoolean", Kind.TYPE_TEST, Relation.EQ),
    IS_TIMESTAMP("IsTimestamp", Kind.TYPE_TEST, Relation.EQ);

    /** What a comparison's operand (and the variable, for it to match) must be. */
    public enum Kind { STRING, PATTERN, NUMBER, BOOLEAN, TIMESTAMP, TYPE_TEST }

    public enum Relation {
        EQ, LT, GT, LE, GE;

        public boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case LT -> comparison < 0;
                case GT -> comparison > 0;
                case LE -> comparison <= 0;
                case GE -> comparison >= 0;
            };
        }
    }

    private static final Map<String, ComparisonOperator> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ComparisonOperator::fieldName, Function.identity()));

    private final String fieldName;
    private final Kind kind;
    private final Relation relation;

    ComparisonOperator(String fieldName, Kind kind, Relation relation) {
        this.fieldName = fieldName;
        this.kind = kind;
        this.relation = relation;
    }

    public String fieldName() {
        return fieldName;
    }

    public Kind kind() {
        return kind;
    }

    public Relation relation() {
        return relation;
    }

    /**
     * The operator a Choice Rule field names, and whether it is the {@code ...Path} variant: {@code
     * NumericLessThanPath} is NUMERIC_LESS_THAN comparing with a value read from the input. Only the comparison
     * operators have path variants (not the type tests, not StringMatches).
     */
    public static Optional<Match> forField(String field) {
        ComparisonOperator literal = BY_NAME.get(field);
        if (literal != null) {
            return Optional.of(new Match(literal, false));
        }
        if (field.endsWith("Path")) {
            ComparisonOperator op = BY_NAME.get(field.substring(0, field.length() - 4));
            if (op != null && op.kind != Kind.TYPE_TEST && op.kind != Kind.PATTERN) {
                return Optional.of(new Match(op, true));
            }
        }
        return Optional.empty();
    }

    public record Match(ComparisonOperator operator, boolean path) {
    }
}
