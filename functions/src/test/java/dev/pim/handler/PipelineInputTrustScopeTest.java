package dev.pim.handler;

import dev.pim.migration.trust.TrustScope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline input's {@code trustScope}: filled in by Preflight's validation, refused there when unknown. */
class PipelineInputTrustScopeTest {

    private static PipelineInput withScope(String scope) {
        return new PipelineInput("demo", null, null, null, true, null, null, null, null, null, null, null, null, null,
                null, scope, null, null);
    }

    @Test
    void theDefaultIsFilledInAndReachesTheOptions() {
        PipelineInput validated = withScope(null).validated("us-west-2", 4);

        assertThat(validated.trustScope()).isEqualTo("service-account");
        assertThat(validated.options().trustScope()).isEqualTo(TrustScope.SERVICE_ACCOUNT);
        assertThat(withScope("cluster").validated("us-west-2", 4).options().trustScope()).isEqualTo(TrustScope.CLUSTER);
    }

    @Test
    void anUnknownScopeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> withScope("pod").validated("us-west-2", 4))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("input field 'trustScope': unknown trust scope 'pod': expected one of account, cluster, "
                        + "service-account");
    }
}
