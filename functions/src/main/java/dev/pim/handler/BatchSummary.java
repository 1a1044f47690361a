package dev.pim.handler;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a batch of roles hands back to its child execution, bounded whatever the batch size (the Map's results
 * of every batch must fit 256 KiB): counts, and which roles crashed (their step threw instead of recording an
 * outcome), cut to {@link #MAX_CRASHED_CHARS}. The outcomes themselves are in the journal.
 *
 * @param crashed null when no role crashed; the state machine collects it as today's per-role crashes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchSummary(int roles, int done, int unchanged, int skipped, int failed, String crashed) {
    static final int MAX_CRASHED_CHARS = 160;
}
