package dev.pim.local.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a test from the invariant check {@link LocalCloudExtension} makes after it when the invariants are
 * enforced: for a test that breaks them on purpose (and asserts what the monitor saw). The reason is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InvariantsNotEnforced {
    String value();
}
