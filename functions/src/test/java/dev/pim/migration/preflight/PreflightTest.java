package dev.pim.migration.preflight;

import dev.pim.migration.ClusterRef;
import dev.pim.migration.inventory.AddonInfo;
import dev.pim.migration.inventory.ClusterInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "1.25, eks.20, false",
            "1.26, eks.8, false",
            "1.26, eks.9, true",
            "1.27, eks.7, false",
            "1.27, eks.8, true",
            "1.27, eks.10, true",
            "1.28, eks.3, false",
            "1.28, eks.4, true",
            "1.29, eks.1, true",
            "1.31, eks.12, true",
            "1.33, eks.1, true",
    })
    void podIdentityNeedsTheseVersionsComparedNumerically(String version, String platform, boolean supported) {
        assertThat(Preflight.supportsPodIdentity(version, platform)).isEqualTo(supported);
    }

    @Test
    void tooOldClusterFailsAndSaysWhatToUpgradeTo() {
        Preflight p = Preflight.evaluate(cluster("1.27", "eks.7", "ACTIVE", false, "API"), Optional.empty(), true);
        assertThat(p.passed()).isFalse();
        assertThat(p.failures()).singleElement().satisfies(f ->
                assertThat(f.detail()).contains("1.27 eks.7 does not support Pod Identity").contains("1.27 eks.8"));
    }

    @Test
    void clusterThatIsNotActiveFails() {
        Preflight p = Preflight.evaluate(cluster("1.31", "eks.1", "UPDATING", false, "API"), Optional.empty(), true);
        assertThat(p.failures()).extracting(PreflightCheck::name).containsExactly("cluster status");
    }

    @Test
    void agentStatesDecideWhatHappens() {
        ClusterInfo c = cluster("1.31", "eks.1", "ACTIVE", false, "API_AND_CONFIG_MAP");
        assertThat(Preflight.evaluate(c, Optional.empty(), true).agent()).isEqualTo(AgentState.ABSENT);
        assertThat(Preflight.evaluate(c, Optional.of(agent("CREATING")), true).agent()).isEqualTo(AgentState.CREATING);
        assertThat(Preflight.evaluate(c, Optional.of(agent("ACTIVE")), true).passed()).isTrue();
        Preflight degraded = Preflight.evaluate(c, Optional.of(agent("DEGRADED")), true);
        assertThat(degraded.agent()).isEqualTo(AgentState.DEGRADED);
        assertThat(degraded.passed()).isFalse();
        assertThat(Preflight.evaluate(c, Optional.of(agent("CREATE_FAILED")), true).agent()).isEqualTo(AgentState.FAILED);
        Preflight auto = Preflight.evaluate(cluster("1.31", "eks.1", "ACTIVE", true, "API"), Optional.empty(), true);
        assertThat(auto.agent()).isEqualTo(AgentState.AUTO_MODE);
        assertThat(auto.agent().usable()).isTrue();
    }

    @Test
    void missingOidcProviderAndConfigMapModeAreWarnings() {
        Preflight p = Preflight.evaluate(cluster("1.31", "eks.1", "ACTIVE", false, "CONFIG_MAP"), Optional.empty(), false);
        assertThat(p.passed()).isTrue();
        assertThat(p.checks()).filteredOn(c -> c.status() == PreflightCheck.Status.WARN)
                .extracting(PreflightCheck::name).containsExactly("IAM OIDC provider", "authentication mode");
    }

    private static AddonInfo agent(String status) {
        return new AddonInfo(Preflight.AGENT_ADDON, "v1.3.4-eksbuild.1", status, null, List.of(), List.of());
    }

    private static ClusterInfo cluster(String version, String platform, String status, boolean autoMode, String auth) {
        return new ClusterInfo(new ClusterRef("111122223333", "us-west-2", "c"), "arn:aws:eks:us-west-2:111122223333:cluster/c",
                version, platform, status, "https://oidc.eks.us-west-2.amazonaws.com/id/ABC", auth, autoMode,
                "https://example", null);
    }
}
