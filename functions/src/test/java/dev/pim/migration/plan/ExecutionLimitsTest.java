package dev.pim.migration.plan;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionLimitsTest {
    static final int INPUT_BYTES = 300;
    static final int TIMEOUT = 1500;

    /** Each role: its trust update and {@code associations} associations. */
    private static List<Integer> roles(int count, int associations) {
        return Collections.nCopies(count, 1 + associations);
    }

    @Test
    void tenThousandRolesAndTwentyFiveThousandBindingsFitOneExecutionInBatchesOfFifty() {
        List<Integer> writes = IntStream.range(0, 10_000).mapToObj(i -> 1 + (i % 2 == 0 ? 2 : 3)).toList();
        ExecutionLimits limits = ExecutionLimits.of(writes, 3, 50, 16, INPUT_BYTES, TIMEOUT);

        assertThat(limits.exceeded()).isEmpty();
        assertThat(limits.refusal("c")).isEmpty();
        assertThat(limits.batches()).isEqualTo(200);
        assertThat(limits.parentEvents()).isLessThan(ExecutionLimits.MAX_HISTORY_EVENTS);
        assertThat(limits.largestStateBytes()).isLessThan(ExecutionLimits.MAX_PAYLOAD_BYTES);
        assertThat(limits.batchSeconds()).isLessThan(ExecutionLimits.MAX_LAMBDA_SECONDS);
    }

    @Test
    void theItemsArrayIsMeasuredAsTheJsonOfTheRoleIndexes() {
        for (int n : new int[]{0, 1, 9, 10, 11, 99, 100, 1_000, 10_000, 12_345}) {
            String json = IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
            assertThat(ExecutionLimits.indexesBytes(n)).as("%d roles", n).isEqualTo(json.length());
        }
    }

    @Test
    void theParentsHistoryAndAChildsHistoryDoNotGrowWithTheRolesOrTheBatch() {
        ExecutionLimits small = ExecutionLimits.of(roles(100, 2), 2, 10, 16, INPUT_BYTES, TIMEOUT);
        ExecutionLimits large = ExecutionLimits.of(roles(10_000, 2), 2, 200, 16, INPUT_BYTES, TIMEOUT);

        assertThat(large.parentEvents()).isEqualTo(small.parentEvents());
        assertThat(large.childEvents()).isEqualTo(small.childEvents());
    }

    @Test
    void sixtyThousandRolesAreRefusedNamingTheStatePayloadLimitWhateverTheBatch() {
        ExecutionLimits limits = ExecutionLimits.of(roles(60_000, 1), 0, 500, 16, INPUT_BYTES, TIMEOUT);

        assertThat(limits.itemsBytes()).isEqualTo(348_891);
        assertThat(limits.refusal("big")).hasValueSatisfying(r -> assertThat(r)
                .startsWith("cluster big: 60,000 roles in batches of 500 do not fit one execution")
                .contains("its items array of 60,000 role indexes is 340.7 KiB")
                .contains("over Step Functions' 256.0 KiB state payload limit")
                .contains("Choose another roleBatchSize (1..500)"));
    }

    @Test
    void aBatchTooSmallForTheRolesIsRefusedForTheMapsResults() {
        assertThat(ExecutionLimits.of(roles(10_000, 2), 0, 1, 16, INPUT_BYTES, TIMEOUT).refusal("c"))
                .hasValueSatisfying(r -> assertThat(r).contains("with 10,000 batches' results").contains("state payload limit"));
        assertThat(ExecutionLimits.of(roles(10_000, 2), 0, 50, 16, INPUT_BYTES, TIMEOUT).refusal("c")).isEmpty();
    }

    @Test
    void aBatchTooSlowForLambdasTimeoutIsRefusedNamingIt() {
        ExecutionLimits limits = ExecutionLimits.of(roles(1_000, 20), 0, 500, 16, INPUT_BYTES, TIMEOUT);

        assertThat(limits.batchSeconds()).isEqualTo(500 * 21 / 10 + 120);
        assertThat(limits.exceeded()).singleElement().asString()
                .isEqualTo("the slowest batch of 500 roles would take about 1,170 s at 10 writes/s shared by 1 batches at once, "
                        + "over Lambda's 900 s timeout");
    }

    @Test
    void maxConcurrencyIsRolesInFlightSplitBetweenTheBatchesAndInsideThem() {
        assertThat(ExecutionLimits.parallelism(50, 16)).isEqualTo(16);
        assertThat(ExecutionLimits.mapConcurrency(50, 16)).isEqualTo(1);
        assertThat(ExecutionLimits.parallelism(4, 16)).isEqualTo(4);
        assertThat(ExecutionLimits.mapConcurrency(4, 16)).isEqualTo(4);
        assertThat(ExecutionLimits.parallelism(1, 40)).isEqualTo(1);
        assertThat(ExecutionLimits.mapConcurrency(1, 40)).isEqualTo(40);
    }

    @Test
    void aBatchSizeOutOfRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> ExecutionLimits.of(roles(10, 1), 0, 0, 4, INPUT_BYTES, TIMEOUT))
                .hasMessage("roleBatchSize must be within 1..500, got 0");
    }

    @Test
    void waitsStartAtOneSecondAndDoubleUpToTheCap() {
        assertThat(IntStream.of(0, 1, 2, 4, 8, 16, 32, 64).map(w -> WaitSchedule.nextWait(w, TIMEOUT)).toArray())
                .containsExactly(1, 1, 2, 4, 8, 16, 30, 30);
        assertThat(WaitSchedule.nextWait(10_000, 86_400)).as("a day's timeout polls about 100 times").isEqualTo(864);
        assertThat(WaitSchedule.pollsWithin(86_400)).isLessThan(120);
    }
}
