package dev.pim.cli.pipeline;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Starts an execution of the cluster state machine and follows it state by state through the Step Functions
 * API (AWS's or the local cloud's): top-level states as they are entered, Map states as iteration counts.
 */
public final class ExecutionFollower {
    private final SfnClient sfn;
    private final PrintWriter out;
    private final Duration poll;

    /** How an execution ended. */
    public record Result(String executionArn, String status, String output, String error, String cause) {
        public boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    public ExecutionFollower(SfnClient sfn, PrintWriter out, Duration poll) {
        this.sfn = sfn;
        this.out = out;
        this.poll = poll;
    }

    public Result start(String stateMachineArn, String name, String input) {
        String arn = sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
        out.println("execution " + arn);
        out.flush();
        return follow(arn);
    }

    public Result follow(String executionArn) {
        Progress progress = new Progress();
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            // The whole history each time: events already printed are skipped by id.
            String next = null;
            do {
                String from = next;
                GetExecutionHistoryResponse page = sfn.getExecutionHistory(r -> r.executionArn(executionArn)
                        .maxResults(1000).nextToken(from));
                page.events().forEach(e -> progress.on(e, out));
                next = page.nextToken();
            } while (next != null);
            out.flush();
            if (execution.status() != ExecutionStatus.RUNNING) {
                DescribeExecutionResponse done = sfn.describeExecution(r -> r.executionArn(executionArn));
                return new Result(executionArn, done.statusAsString(), done.output(), done.error(), done.cause());
            }
            sleep();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(poll.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the execution", e);
        }
    }

    /** Turns history events into lines; events inside Map iterations only count. */
    private static final class Progress {
        private long lastId;
        private Instant start;
        private int mapDepth;
        private int succeeded;
        private int failed;
        /** A Distributed Map's items and run outcome: its iterations are child executions, not in this history. */
        private Integer items;
        private String mapRun;

        void on(HistoryEvent e, PrintWriter out) {
            if (e.id() <= lastId) {
                return;
            }
            lastId = e.id();
            if (start == null) {
                start = e.timestamp();
            }
            String at = String.format("[%6.1fs] ", Duration.between(start, e.timestamp()).toMillis() / 1000.0);
            HistoryEventType type = e.type();
            if (type == HistoryEventType.MAP_STATE_ENTERED && mapDepth++ == 0) {
                succeeded = 0;
                failed = 0;
                items = null;
                mapRun = null;
                out.println(at + e.stateEnteredEventDetails().name());
            } else if (type == HistoryEventType.MAP_STATE_EXITED && --mapDepth == 0) {
                out.println(at + "  " + (mapRun != null
                        ? "Map Run over " + items + " item(s) in child executions: " + mapRun
                        : (succeeded + failed) + " iteration(s): " + succeeded + " succeeded"
                        + (failed > 0 ? ", " + failed + " failed" : "")));
            } else if (mapDepth > 0) {
                if (type == HistoryEventType.MAP_STATE_STARTED && mapDepth == 1) {
                    items = e.mapStateStartedEventDetails().length();
                } else if (type == HistoryEventType.MAP_RUN_STARTED && mapDepth == 1) {
                    mapRun = "running";
                } else if (type == HistoryEventType.MAP_RUN_SUCCEEDED && mapDepth == 1) {
                    mapRun = "succeeded";
                } else if (type == HistoryEventType.MAP_RUN_FAILED && mapDepth == 1) {
                    mapRun = "failed";
                } else if (type == HistoryEventType.MAP_ITERATION_SUCCEEDED && mapDepth == 1) {
                    succeeded++;
                } else if (type == HistoryEventType.MAP_ITERATION_FAILED && mapDepth == 1) {
                    failed++;
                }
            } else if (type == HistoryEventType.TASK_STATE_ENTERED || type == HistoryEventType.WAIT_STATE_ENTERED
                    || type == HistoryEventType.FAIL_STATE_ENTERED || type == HistoryEventType.SUCCEED_STATE_ENTERED) {
                out.println(at + e.stateEnteredEventDetails().name());
            } else if (type == HistoryEventType.EXECUTION_FAILED) {
                out.println(at + "execution failed: " + e.executionFailedEventDetails().error() + ": "
                        + e.executionFailedEventDetails().cause());
            } else if (type == HistoryEventType.EXECUTION_SUCCEEDED) {
                out.println(at + "execution succeeded");
            }
        }
    }
}
