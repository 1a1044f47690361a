package dev.pim.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.migration.ClusterRef;
import dev.pim.migration.journal.Journal;
import dev.pim.migration.journal.JournalEntry;
import dev.pim.migration.journal.RunRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The CLI's journal: one directory per run under {@code <root>/<account>/<region>/<cluster>/<runId>/}, with
 * {@code run.json} (replaced atomically) and {@code entries.ndjson} (appended and fsync'd, with the directory,
 * before {@link #append} returns).
 */
public final class FileJournal implements Journal {
    private static final ObjectMapper JSON = LedgerJson.MAPPER;
    private final Path root;
    private final Clock clock;
    private final RunIds runIds = new RunIds();

    public FileJournal(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** {@code ~/.pim/journal}, or {@code PIM_JOURNAL_DIR}. */
    public static Path defaultRoot() {
        String override = System.getenv("PIM_JOURNAL_DIR");
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".pim", "journal");
    }

    public Path root() {
        return root;
    }

    @Override
    public RunRecord startRun(ClusterRef cluster, Map<String, String> options) {
        Instant startedAt = clock.instant();
        RunRecord run = new RunRecord(runIds.next(startedAt), cluster, startedAt, Map.copyOf(options), "running");
        Path dir = clusterDir(cluster).resolve(run.runId());
        try {
            Files.createDirectories(dir);
            fsyncDirectory(dir.getParent());
            writeRun(dir, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal of run " + run.runId() + " in " + dir + ": " + problem(e), e);
        }
        return run;
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        return runDir(runId).map(dir -> read(dir.resolve("run.json")));
    }

    @Override
    public List<RunRecord> runs(ClusterRef cluster) {
        Path dir = clusterDir(cluster);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(dir)) {
            return runs.filter(p -> Files.exists(p.resolve("run.json")))
                    .map(p -> read(p.resolve("run.json")))
                    .sorted(RunRecord.START_ORDER)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal of " + cluster + " in " + dir + ": " + problem(e), e);
        }
    }

    @Override
    public synchronized void append(String runId, JournalEntry entry) {
        Path file = requireRunDir(runId).resolve("entries.ndjson");
        boolean created = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            byte[] line = (JSON.writerFor(JournalEntry.class).writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            if (created) {
                fsyncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal of run " + runId + " (" + file + "): " + problem(e), e);
        }
    }

    @Override
    public List<JournalEntry> entries(String runId) {
        Path file = requireRunDir(runId).resolve("entries.ndjson");
        try {
            List<JournalEntry> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                // A crash can leave a torn last line; everything before it was fsync'd whole.
                if (!line.isBlank() && line.endsWith("}")) {
                    out.add(JSON.readValue(line, JournalEntry.class));
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal of run " + runId + " (" + file + "): " + problem(e), e);
        }
    }

    @Override
    public synchronized void finishRun(String runId, String status) {
        Path dir = requireRunDir(runId);
        RunRecord run = read(dir.resolve("run.json"));
        try {
            writeRun(dir, new RunRecord(run.runId(), run.cluster(), run.startedAt(), run.options(), status));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update run " + runId + ": " + problem(e), e);
        }
    }

    private Path clusterDir(ClusterRef cluster) {
        return root.resolve(cluster.accountId()).resolve(cluster.region()).resolve(cluster.name());
    }

    private Path requireRunDir(String runId) {
        return runDir(runId).orElseThrow(() -> new IllegalArgumentException("no run '" + runId + "' in the journal at " + root));
    }

    private Optional<Path> runDir(String runId) {
        if (!RunIds.plausible(runId) || !Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> accounts = Files.list(root)) {
            return accounts.flatMap(FileJournal::children).flatMap(FileJournal::children)
                    .map(cluster -> cluster.resolve(runId))
                    .filter(dir -> Files.exists(dir.resolve("run.json")))
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the journal at " + root + ": " + problem(e), e);
        }
    }

    private static Stream<Path> children(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).toList().stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static void writeRun(Path dir, RunRecord run) throws IOException {
        Path tmp = dir.resolve("run.json.tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(run)));
            channel.force(true);
        }
        Files.move(tmp, dir.resolve("run.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(dir);
    }

    private static RunRecord read(Path file) {
        try {
            return JSON.readValue(file.toFile(), RunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + problem(e), e);
        }
    }

    /** What is wrong with a journal file, for a message that names it: bad JSON with where, or the I/O error. */
    private static String problem(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            var at = json.getLocation();
            return "not a journal record (" + json.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")";
        }
        return e.toString();
    }

    /** A new file's name is durable only once its directory is synced. */
    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems do not allow opening a directory; the data itself was forced.
        }
    }
}
