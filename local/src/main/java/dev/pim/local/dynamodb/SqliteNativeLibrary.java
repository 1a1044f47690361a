package dev.pim.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;

/**
 * The SQLite native library DynamoDB Local stores its tables with. DynamoDB Local 2.x carries the sqlite4java
 * libraries of Linux (x86, x86_64, aarch64), macOS (x86_64, aarch64) and Windows (x86, x86_64) inside its jar
 * and extracts the right one to the temporary directory; so nothing outside the runtime classpath is needed,
 * in Maven tests, in {@code ./pim} and on a fresh CI machine alike. Loading it here, before the server starts,
 * turns "no library for this platform" into one clear error instead of a class that failed to initialise.
 */
final class SqliteNativeLibrary {
    /** sqlite4java logs each database it opens at INFO (java.util.logging); held here so the level sticks. */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    private SqliteNativeLibrary() {
    }

    static void load() {
        SQLITE_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            SQLiteLibraryLoader.initialize();
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("DynamoDB Local cannot load its SQLite native library on " + platform()
                    + " (it carries one for Linux x86, x86_64 and aarch64, macOS x86_64 and aarch64, Windows x86 and"
                    + " x86_64): " + e.getMessage(), e);
        }
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
