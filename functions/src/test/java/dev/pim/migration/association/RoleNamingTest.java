package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoleNamingTest {

    @Test
    void aNameIsReadableAndTheSameEveryTime() {
        String name = RoleNaming.forServiceAccount("demo", new ServiceAccountRef("default", "s3-reader"));

        assertThat(name).matches("pim-demo-default-s3-reader-[0-9a-f]{8}");
        assertThat(RoleNaming.forServiceAccount("demo", new ServiceAccountRef("default", "s3-reader"))).isEqualTo(name);
    }

    @Test
    void longNamesAreCutToIamsSixtyFourCharactersAndStayDistinct() {
        String longNamespace = "a-very-long-namespace-name-that-goes-on-and-on";
        String one = RoleNaming.forServiceAccount("production-cluster-eu", new ServiceAccountRef(longNamespace, "writer-one"));
        String two = RoleNaming.forServiceAccount("production-cluster-eu", new ServiceAccountRef(longNamespace, "writer-two"));

        assertThat(one).hasSizeLessThanOrEqualTo(64).matches("[\\w+=,.@-]+").doesNotContain("--");
        assertThat(two).hasSizeLessThanOrEqualTo(64);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.substring(0, one.length() - 9)).isEqualTo(two.substring(0, two.length() - 9));
    }

    @Test
    void theSeparatorDoesNotMakeTwoServiceAccountsOneName() {
        // "a-b" / "c" and "a" / "b-c" read the same once joined by '-': the hash keeps them apart.
        assertThat(RoleNaming.forServiceAccount("x", new ServiceAccountRef("a-b", "c")))
                .isNotEqualTo(RoleNaming.forServiceAccount("x", new ServiceAccountRef("a", "b-c")));
    }
}
