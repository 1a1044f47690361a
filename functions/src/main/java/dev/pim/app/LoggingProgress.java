package dev.pim.app;

import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress of a step as log lines (JSON through Powertools): failures as warnings, the rest as info. */
final class LoggingProgress implements Progress {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingProgress.class);

    @Override
    public void phase(String name, int total) {
        LOG.info("phase {} ({} items)", name, total);
    }

    @Override
    public void item(StepResult result) {
        if (result.failed()) {
            LOG.warn("{} {} failed: {}", result.step(), result.subject(), result.detail());
        } else {
            LOG.info("{} {} {}: {}", result.step(), result.subject(), result.result(), result.detail());
        }
    }

    @Override
    public void note(String message) {
        LOG.info(message);
    }
}
