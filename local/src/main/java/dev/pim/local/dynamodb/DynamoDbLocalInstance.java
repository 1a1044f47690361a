package dev.pim.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;

import java.net.URI;

/**
 * One running DynamoDB Local: in memory, one database for every access key and region (as one AWS account
 * and region would have), on a free port of 127.0.0.1 only.
 *
 * <p>Built from its parts rather than with {@code ServerRunner}: that one listens on every interface and
 * configures DynamoDB Local's telemetry (a Pinpoint client), which this never does, so telemetry stays off and
 * its Pinpoint and Cognito dependencies are not needed. The SQLite native library is loaded first
 * ({@link SqliteNativeLibrary}).
 */
final class DynamoDbLocalInstance implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    private final Server jetty;
    private final LocalDynamoDBRequestHandler database;
    private final URI endpoint;

    private DynamoDbLocalInstance(Server jetty, LocalDynamoDBRequestHandler database, int port) {
        this.jetty = jetty;
        this.database = database;
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
    }

    static DynamoDbLocalInstance start() {
        SqliteNativeLibrary.load();
        Server jetty = new Server();
        LocalDynamoDBRequestHandler database = null;
        try {
            database = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(LOOPBACK);
            connector.setPort(0);
            jetty.addConnector(connector);
            jetty.setHandler(new ContextHandler(new LocalDynamoDBServerHandler(database, null)));
            jetty.start();
            return new DynamoDbLocalInstance(jetty, database, connector.getLocalPort());
        } catch (Exception | LinkageError e) {
            stopQuietly(jetty, database);
            throw new IllegalStateException("cannot start DynamoDB Local on " + LOOPBACK + ": " + e, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    /** Stops the server; the in-memory database goes with it. */
    @Override
    public void close() {
        stopQuietly(jetty, database);
    }

    private static void stopQuietly(Server jetty, LocalDynamoDBRequestHandler database) {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping a server that did not start, or is already stopped: nothing is left to release.
        }
        if (database != null) {
            database.shutdown();
        }
    }
}
