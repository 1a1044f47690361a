package dev.pim.local.junit;

import dev.pim.local.LocalCloud;
import dev.pim.local.fault.CallCounters;
import dev.pim.local.fault.FaultInjector;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.invariant.Violation;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the local cloud for a test class: started once on a free port, reset to the test's fixture before
 * every test (no faults, zero counters), stopped after the class.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LocalCloudExtension cloud = new LocalCloudExtension("demo");
 *
 * &#64;Test &#64;UseFixture("scenario-role-path")
 * void handlesRolePaths() { ... cloud.endpoint() ... }
 * </pre>
 *
 * {@link #withAddonSettleTime} shortens the fixture's add-on settle time for every test of the class.
 *
 * With the JUnit configuration parameter {@code pim.local.invariants=enforce} (a module's
 * {@code junit-platform.properties}), every test fails if the emulator's invariant monitor recorded a violation
 * during it, or finds one at its end (see {@link dev.pim.local.invariant.InvariantMonitor}), unless it is marked
 * {@link InvariantsNotEnforced}.
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    /** The configuration parameter that makes every test hold the invariants. */
    public static final String ENFORCE_INVARIANTS = "pim.local.invariants";
    /** Parsed fixtures, kept for the whole test run in JUnit's root store (a fixture is parsed once per JVM). */
    private static final ExtensionContext.Namespace PARSED = ExtensionContext.Namespace.create(LocalCloudExtension.class, "fixtures");
    private final String defaultFixture;
    /** How long add-on installs and updates take to settle after each reset, or null for the fixture's time. */
    private final Duration addonSettleTime;
    private LocalCloud cloud;

    public LocalCloudExtension() {
        this("demo");
    }

    public LocalCloudExtension(String defaultFixture) {
        this(defaultFixture, null);
    }

    private LocalCloudExtension(String defaultFixture, Duration addonSettleTime) {
        this.defaultFixture = defaultFixture;
        this.addonSettleTime = addonSettleTime;
    }

    /** The same cloud, whose add-ons settle in {@code settle} at the start of every test: runs that install the agent stay fast. */
    public LocalCloudExtension withAddonSettleTime(Duration settle) {
        return new LocalCloudExtension(defaultFixture, settle);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (cloud == null) {
            cloud = LocalCloud.start(fixture(context, fixtureName(context.getRequiredTestClass(), defaultFixture)),
                    LocalCloud.DEFAULT_HOST, 0);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String classFixture = fixtureName(context.getRequiredTestClass(), defaultFixture);
        String name = fixtureName(context.getRequiredTestMethod(), classFixture);
        if (cloud == null) {
            cloud = LocalCloud.start(fixture(context, name), LocalCloud.DEFAULT_HOST, 0);
        } else {
            cloud.reset(fixture(context, name));
        }
        if (addonSettleTime != null) {
            cloud.write(state -> state.behaviour.addonSettleTime = addonSettleTime);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        boolean enforced = context.getConfigurationParameter(ENFORCE_INVARIANTS).map("enforce"::equals).orElse(false);
        boolean exempt = context.getRequiredTestMethod().isAnnotationPresent(InvariantsNotEnforced.class)
                || context.getRequiredTestClass().isAnnotationPresent(InvariantsNotEnforced.class);
        if (!enforced || exempt || cloud == null || context.getExecutionException().isPresent()) {
            return;
        }
        List<Violation> found = new ArrayList<>(cloud.invariants().violations());
        cloud.checkInvariants().stream().filter(v -> found.stream().noneMatch(f -> f.toString().startsWith(v.toString())))
                .forEach(found::add);
        if (!found.isEmpty()) {
            throw new AssertionError("the local cloud's invariant monitor found " + found.size() + " violation(s):\n  "
                    + String.join("\n  ", found.stream().map(Violation::toString).toList()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cloud != null) {
            cloud.close();
            cloud = null;
        }
    }

    public LocalCloud cloud() {
        if (cloud == null) {
            throw new IllegalStateException("the local cloud is not running: register the extension on a static field");
        }
        return cloud;
    }

    public URI endpoint() {
        return cloud().endpoint();
    }

    public FaultInjector faults() {
        return cloud().faults();
    }

    public CallCounters counters() {
        return cloud().counters();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cloud();
    }

    private static String fixtureName(AnnotatedElement element, String fallback) {
        return Optional.ofNullable(element.getAnnotation(UseFixture.class)).map(UseFixture::value).orElse(fallback);
    }

    private static Fixture fixture(ExtensionContext context, String name) {
        return context.getRoot().getStore(PARSED).getOrComputeIfAbsent(name, FixtureLoader::load, Fixture.class);
    }
}
