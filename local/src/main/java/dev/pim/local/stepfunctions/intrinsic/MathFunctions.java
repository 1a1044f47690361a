package dev.pim.local.stepfunctions.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The math and id-generation intrinsics. */
final class MathFunctions {
    private MathFunctions() {
    }

    /** A random integer from start to end, both included; the same seed always gives the same number. */
    static JsonNode random(Arguments args) {
        long start = args.integer(0);
        long end = args.integer(1);
        if (start > end) {
            throw args.invalid("the start " + start + " is greater than the end " + end);
        }
        Random random = args.size() == 3 ? new Random(args.integer(2)) : ThreadLocalRandom.current();
        long span = end - start + 1;
        return ArrayFunctions.number(start + (long) Math.floor(random.nextDouble() * span));
    }

    static JsonNode add(Arguments args) {
        try {
            return ArrayFunctions.number(Math.addExact(args.integer(0), args.integer(1)));
        } catch (ArithmeticException e) {
            throw args.invalid("the sum overflows");
        }
    }

    static JsonNode uuid(Arguments args) {
        return TextNode.valueOf(UUID.randomUUID().toString());
    }
}
