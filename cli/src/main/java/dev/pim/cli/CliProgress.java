package dev.pim.cli;

import dev.pim.migration.apply.Progress;
import dev.pim.migration.apply.StepResult;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;

/**
 * Progress on stderr: a bar per phase on a terminal, one plain line per step otherwise (CI logs, pipes).
 * Failures are always printed as lines, so they stay visible after the bar moves on.
 */
final class CliProgress implements Progress {
    private final PrintWriter err;
    private final boolean bars;
    private ProgressBar bar;

    CliProgress(PrintWriter err, boolean bars) {
        this.err = err;
        this.bars = bars;
    }

    static CliProgress forTerminal(PrintWriter err, boolean noProgress) {
        return new CliProgress(err, !noProgress && System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public synchronized void phase(String name, int total) {
        closeBar();
        if (bars && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
        } else {
            err.println("== " + name);
            err.flush();
        }
    }

    @Override
    public synchronized void item(StepResult result) {
        if (bar != null) {
            bar.step();
            if (result.failed()) {
                bar.setExtraMessage(result.subject() + " FAILED");
            }
        }
        if (bar == null || result.failed()) {
            err.println("   " + result.result().name().toLowerCase() + "  " + result.step() + "  " + result.subject()
                    + (result.detail() == null || result.detail().isEmpty() ? "" : "  (" + result.detail() + ")"));
            err.flush();
        }
    }

    @Override
    public synchronized void note(String message) {
        err.println("   " + message);
        err.flush();
    }

    synchronized void close() {
        closeBar();
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
