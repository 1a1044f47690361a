package dev.pim.fleet;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetSelectorTest {

    @Test
    void selectsEveryClusterByDefault() {
        FleetSelector selector = FleetSelector.of("", "", "");
        assertThat(selector.exclusion("prod-eu", Map.of())).isEmpty();
        assertThat(selector.optOutTag()).isEqualTo(FleetSelector.DEFAULT_OPT_OUT_TAG);
    }

    @Test
    void theWholeNameMustMatchThePattern() {
        FleetSelector selector = FleetSelector.of("prod-.*", null, null);
        assertThat(selector.exclusion("prod-eu", Map.of())).isEmpty();
        assertThat(selector.exclusion("preprod-eu", Map.of())).hasValue("name does not match prod-.*");
    }

    @Test
    void aRequiredTagByKeyOrByKeyAndValue() {
        assertThat(FleetSelector.of(".*", "team", null).exclusion("a", Map.of("team", "x"))).isEmpty();
        assertThat(FleetSelector.of(".*", "team", null).exclusion("a", Map.of())).hasValue("lacks the tag team");
        FleetSelector byValue = FleetSelector.of(".*", "env=prod", null);
        assertThat(byValue.exclusion("a", Map.of("env", "prod"))).isEmpty();
        assertThat(byValue.exclusion("a", Map.of("env", "dev"))).hasValue("lacks the tag env=prod");
    }

    @Test
    void theOptOutTagExcludesUnlessItSaysFalse() {
        FleetSelector selector = FleetSelector.of(".*", null, null);
        assertThat(selector.exclusion("a", Map.of(FleetSelector.DEFAULT_OPT_OUT_TAG, "true")))
                .hasValue("opted out with the tag pod-identity-migrator/opt-out");
        assertThat(selector.exclusion("a", Map.of(FleetSelector.DEFAULT_OPT_OUT_TAG, ""))).isPresent();
        assertThat(selector.exclusion("a", Map.of(FleetSelector.DEFAULT_OPT_OUT_TAG, "False"))).isEmpty();
        FleetSelector byValue = FleetSelector.of(".*", null, "migrate=never");
        assertThat(byValue.exclusion("a", Map.of("migrate", "never"))).isPresent();
        assertThat(byValue.exclusion("a", Map.of("migrate", "later"))).isEmpty();
    }

    @Test
    void anInvalidPatternNamesTheSetting() {
        assertThatThrownBy(() -> FleetSelector.of("prod-(", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("CLUSTER_NAME_PATTERN is not a regular expression");
    }
}
