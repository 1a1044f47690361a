package dev.pim.integration.fleet;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Fixtures of the integration tests (under {@code src/test/resources/fixtures}), by path for the local cloud. */
final class Fixtures {

    private Fixtures() {
    }

    static String path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name + ".yaml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
