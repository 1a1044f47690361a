package dev.pim.integration.corpus;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lines one class logs while something runs: where the dispatcher says why it refused a message (its
 * documented channel: "a malformed one is refused with its reason in the logs").
 */
final class LogLines implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final String logger;
    private final AbstractAppender appender;

    private LogLines(Class<?> source) {
        this.logger = source.getName();
        this.appender = new AbstractAppender("bad-input-corpus", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig own = new LoggerConfig(logger, Level.INFO, true);
        own.addAppender(appender, Level.INFO, null);
        config.addLogger(logger, own);
        context.updateLoggers();
    }

    static LogLines of(Class<?> source) {
        return new LogLines(source);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(logger);
        context.updateLoggers();
        appender.stop();
    }
}
