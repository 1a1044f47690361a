package dev.pim.migration.plan;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.trust.TrustScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options' defaults are named once, in the builder; each builder method changes its option and no other. */
class MigrationOptionsTest {

    @Test
    void theDefaultsArePlanOnlyWithNothingRemovedOrRestarted() {
        MigrationOptions defaults = MigrationOptions.planOnly();

        assertThat(defaults).isEqualTo(new MigrationOptions(false, false, 1, false, false, 4, Duration.ofMinutes(25), null,
                List.of(), false, TrustScope.DEFAULT, false, AssociationQuota.EKS_PER_CLUSTER));
        assertThat(MigrationOptions.builder().build()).isEqualTo(defaults);
    }

    @Test
    void eachBuilderMethodSetsItsOwnOption() {
        List<ServiceAccountRef> included = List.of(new ServiceAccountRef("shop", "orders"));

        MigrationOptions options = MigrationOptions.builder().approve(true).restartWorkloads(true).restartBudget(3)
                .removeIrsaAnnotation(true).removeOidcTrust(true).concurrency(8).timeout(Duration.ofMinutes(5))
                .crossAccountBridgeRole("bridge").includeServiceAccounts(included).removeWildcardOidcTrust(true)
                .trustScope(TrustScope.CLUSTER).acceptSkippedContainers(true).associationsPerCluster(20).build();

        assertThat(options).isEqualTo(new MigrationOptions(true, true, 3, true, true, 8, Duration.ofMinutes(5), "bridge",
                included, true, TrustScope.CLUSTER, true, 20));
    }

    @Test
    void theBuilderRefusesWhatTheOptionsRefuse() {
        assertThatThrownBy(() -> MigrationOptions.builder().concurrency(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("concurrency must be at least 1, got 0");
        assertThatThrownBy(() -> MigrationOptions.builder().timeout(Duration.ZERO).build())
                .hasMessage("the timeout must be positive, got PT0S");
    }
}
