package dev.pim.cli.bench.coldstart;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the CLI was built from: where template.yaml, events/ and the functions' packages are. */
final class ProjectRoot {

    private ProjectRoot() {
    }

    /** The {@code pim.root} system property, else the first directory above the CLI's classes that holds template.yaml. */
    static Path find() {
        String given = System.getProperty("pim.root");
        if (given != null) {
            return check(Path.of(given).toAbsolutePath());
        }
        Path start;
        try {
            start = Path.of(ProjectRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the CLI's classes", e);
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no checkout (template.yaml, functions/) above " + start + ": set -Dpim.root");
    }

    private static Path check(Path root) {
        if (!Files.isRegularFile(root.resolve("template.yaml"))) {
            throw new IllegalStateException("-Dpim.root=" + root + " holds no template.yaml");
        }
        return root;
    }
}
