package dev.pim.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bounds worked out from served-call counters, throttled attempts excluded, and the table showing them. */
class PathResultTest {
    static final GeneratedCluster CLUSTER = GeneratedCluster.generate(100, 9);
    static final CallFloor FLOOR = CallFloor.of(CLUSTER);
    static final BenchSettings SETTINGS = new BenchSettings(List.of(100), 9, 30, 10, 4, true, List.of("cli"), 0, 1);
    static final ServedCalls CALLS = new ServedCalls(
            Map.of("iam:UpdateAssumeRolePolicy", 45L, "eks:CreatePodIdentityAssociation", 110L, "eks:UpdateAddon", 2L,
                    "iam:GetRole", 160L, "dynamodb:PutItem", 7L),
            Map.of("iam:UpdateAssumeRolePolicy", 5L, "eks:CreatePodIdentityAssociation", 12L),
            Set.of("iam:UpdateAssumeRolePolicy", "eks:CreatePodIdentityAssociation", "eks:UpdateAddon", "dynamodb:PutItem"));
    static final ServedCalls NOTHING_WRITTEN = new ServedCalls(Map.of("iam:GetRole", 40L), Map.of(), Set.of());

    @Test
    void theRateFloorCountsServedWritesAndTheConcurrencyFloorEveryClusterCall() {
        PathResult r = PathResult.of(new PathResult.Measured("cli", "SUCCEEDED", 12.216, CALLS, NOTHING_WRITTEN, null, null, null),
                CLUSTER, FLOOR, SETTINGS);
        assertThat(r.iamWrites()).isEqualTo(40);
        assertThat(r.eksWrites()).isEqualTo(98 + 2);
        assertThat(r.reads()).isEqualTo(160);
        assertThat(r.tMinSeconds()).isCloseTo((100 - 1) / 10.0 + 6 * 0.03, within(1e-9));
        assertThat(r.tConcSeconds()).isCloseTo((160 + 140) * 0.03 / 4 + 6 * 0.03, within(1e-9));
        assertThat(r.wallOverTMin()).isEqualTo(1.212);
        assertThat(r.dominantBound()).isEqualTo("rate");
        assertThat(r.throttledAttempts()).isEqualTo(17);
        assertThat(r.throttledPerWrite()).isCloseTo(17 / 140.0, within(0.001));
        assertThat(r.plumbingCalls()).isEqualTo(7);
        assertThat(r.rerunWrites()).isZero();
        assertThat(r.calls()).extracting(PathResult.OperationCalls::operation).doesNotContain("dynamodb:PutItem")
                .contains("eks:DescribeCluster", "eks:ListPodIdentityAssociations");
        assertThat(r.calls()).filteredOn(c -> c.operation().equals("eks:CreatePodIdentityAssociation")).singleElement()
                .isEqualTo(new PathResult.OperationCalls("eks:CreatePodIdentityAssociation", true, 98, 98L, 12));
    }

    @Test
    void aFamilysBurstGoesAtOnceSoOnlyTheWritesBeyondItArePaced() {
        BenchSettings burstOfTen = new BenchSettings(List.of(100), 9, 30, 10, 4, true, List.of("cli"), 0);
        PathResult r = PathResult.of(new PathResult.Measured("cli", "SUCCEEDED", 12.216, CALLS, NOTHING_WRITTEN, null, null, null),
                CLUSTER, FLOOR, burstOfTen);
        assertThat(burstOfTen.writeBurst()).isEqualTo(10);
        assertThat(r.tMinSeconds()).isCloseTo((100 - 10) / 10.0 + 6 * 0.03, within(1e-9));
    }

    @Test
    void withLatencyOnlyTheConcurrencyFloorDominates() {
        BenchSettings latencyOnly = new BenchSettings(List.of(100), 9, 30, 10_000, 4, true, List.of("cli"), 0);
        PathResult r = PathResult.of(new PathResult.Measured("cli", "SUCCEEDED", 5, CALLS, NOTHING_WRITTEN, null, null, null),
                CLUSTER, FLOOR, latencyOnly);
        assertThat(r.dominantBound()).isEqualTo("concurrency");
    }

    @Test
    void theTableShowsEachPathsBoundsAndEveryOperationAgainstItsMinimum() {
        PathResult r = PathResult.of(new PathResult.Measured("cli", "SUCCEEDED", 12.216, CALLS, NOTHING_WRITTEN, null, null, null),
                CLUSTER, FLOOR, SETTINGS);
        BenchDocument document = BenchDocument.of(SETTINGS, List.of(new SizeResult(100, 98, 40, CLUSTER.irsaAddons(), FLOOR,
                CallFloor.PHASES, List.of(r))), null);
        StringWriter out = new StringWriter();
        BenchTable.print(new PrintWriter(out), document);
        assertThat(out.toString())
                .containsPattern("100 +40 +cli +12\\.22 +10\\.08 +1\\.21 +2\\.43 +5\\.03 +rate +40 +100 +160 +1\\.60 +12% +0 +- +-")
                .containsPattern("eks:CreatePodIdentityAssociation \\(w\\) +98 +98 \\+12t")
                .containsPattern("eks:DescribeCluster +1 +0");
    }
}
