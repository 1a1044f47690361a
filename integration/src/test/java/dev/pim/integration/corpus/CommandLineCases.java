package dev.pim.integration.corpus;

import dev.pim.integration.CliRun;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cli-flags.yaml}: {@code pim} run in-process (picocli, as {@code ./pim} runs it) against the local cloud.
 * Unless a case is {@code bare}, the local cloud's options are appended ({@code --region us-west-2 --endpoint-url
 * ... --journal-dir ... --no-progress}); a bare case gives every option itself, with {@code {endpoint}} and
 * {@code {journal}} standing for the local cloud's endpoint and an empty journal directory.
 */
final class CommandLineCases {
    private final LocalCloud cloud;
    private final Path temp;

    CommandLineCases(LocalCloud cloud, Path temp) {
        this.cloud = cloud;
        this.temp = temp;
    }

    void run(BadInputCase c) throws IOException {
        cloud.reset(FixtureLoader.load(c.required("fixture")));
        Path journal = Files.createDirectories(temp.resolve(c.id()));
        List<String> args = new ArrayList<>();
        for (String arg : c.strings("args")) {
            args.add(arg.replace("{endpoint}", cloud.endpoint().toString()).replace("{journal}", journal.toString()));
        }
        if (!c.flag("bare")) {
            args.addAll(List.of("--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString(),
                    "--journal-dir", journal.toString(), "--no-progress"));
        }
        Untouched untouched = Untouched.now(cloud, Set.of());

        CliRun run = CliRun.of(args.toArray(String[]::new));

        String printed = "exit " + run.exitCode() + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err();
        assertThat(run.exitCode()).as(printed).isEqualTo(Integer.parseInt(c.expected("exit")));
        assertThat(run.err()).as(printed).contains(c.fragments("error"));
        if ("none".equals(c.expected("calls"))) {
            untouched.assertNoCall();
        }
        untouched.assertUntouched();
    }
}
