package dev.pim.export;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceNamesTest {

    @Test
    void namesThatWouldCollideGetADigestOfWhatTheyStandFor() {
        Map<String, String> names = ResourceNames.unique(List.of("a-b/c", "a/b-c", "web/api"), ResourceNames::cloudFormation, "");
        assertThat(names.get("web/api")).isEqualTo("WebApi");
        assertThat(names.get("a-b/c")).startsWith("ABC").hasSize(3 + 8).matches("[A-Za-z0-9]+");
        assertThat(names.get("a/b-c")).startsWith("ABC").isNotEqualTo(names.get("a-b/c"));
        assertThat(ResourceNames.unique(List.of("a/b-c", "web/api", "a-b/c"), ResourceNames::cloudFormation, "")).isEqualTo(names);
    }

    @Test
    void terraformNamesAreIdentifiers() {
        assertThat(ResourceNames.terraform("payments/api.v2")).isEqualTo("payments__api_v2");
        assertThat(ResourceNames.terraform("1st/sa")).isEqualTo("_1st__sa");
        assertThat(ResourceNames.terraform("role+name=x@y,z")).matches("[A-Za-z_][A-Za-z0-9_-]*");
    }
}
