package dev.pim.integration.corpus;

import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureException;
import dev.pim.local.fixture.FixtureLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code fixtures.yaml}: each fixture text written to a file {@code <id>.yaml} and loaded by path, as
 * {@code pim local serve --fixture <file>} and the tests' extension load one. A bad fixture fails at load with a
 * {@link FixtureException} naming the file ({@code {file}} in the expected fragments), the path in the document
 * and the problem; the running local cloud is left alone (no call reaches it).
 */
final class FixtureCases {
    private final LocalCloud cloud;
    private final Path temp;

    FixtureCases(LocalCloud cloud, Path temp) {
        this.cloud = cloud;
        this.temp = temp;
    }

    void run(BadInputCase c) throws IOException {
        cloud.reset(FixtureLoader.load("demo"));
        Path file = Files.writeString(temp.resolve(c.id() + ".yaml"), c.required("fixture"));
        Untouched untouched = Untouched.now(cloud, Set.of());

        FixtureException refused = catchThrowableOfType(() -> FixtureLoader.load(file.toString()), FixtureException.class);

        assertThat(refused).as("the fixture is refused").isNotNull();
        assertThat(refused.getMessage()).startsWith(file + ": ")
                .contains(c.fragments("error").stream().map(f -> f.replace("{file}", file.toString())).toList());
        untouched.assertNoCall();
        untouched.assertUntouched();
    }
}
