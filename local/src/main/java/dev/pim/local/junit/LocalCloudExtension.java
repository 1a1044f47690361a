package dev.pim.local.junit;

import dev.pim.local.LocalCloud;
import dev.pim.local.fault.CallCounters;
import dev.pim.local.fault.FaultInjector;
import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.AnnotatedElement;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 */
public final class LocalCloudExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private static final Map<String, Fixture> PARSED = new ConcurrentHashMap<>();
    private final String defaultFixture;
    private LocalCloud cloud;

    public LocalCloudExtension() {
        this("demo");
    }

    public LocalCloudExtension(String defaultFixture) {
        this.defaultFixture = defaultFixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (cloud == null) {
            cloud = LocalCloud.start(fixture(fixtureName(context.getRequiredTestClass(), defaultFixture)),
                    LocalCloud.DEFAULT_HOST, 0);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String classFixture = fixtureName(context.getRequiredTestClass(), defaultFixture);
        String name = fixtureName(context.getRequiredTestMethod(), classFixture);
        if (cloud == null) {
            cloud = LocalCloud.start(fixture(name), LocalCloud.DEFAULT_HOST, 0);
        } else {
            cloud.reset(fixture(name));
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

    private static Fixture fixture(String name) {
        return PARSED.computeIfAbsent(name, FixtureLoader::load);
    }
}
