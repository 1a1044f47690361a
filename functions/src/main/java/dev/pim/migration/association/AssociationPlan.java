package dev.pim.migration.association;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a create, update or delete will do, as named tasks that are printed before anything runs (and are all that
 * runs with {@code --dry-run}). Every check that can refuse was made while planning, with read calls only.
 *
 * @param changes one per service account (or add-on), applied in order
 * @param notes   what the user should know that changes nothing (warnings, nothing to do)
 */
public record AssociationPlan(String verb, List<Change> changes, List<String> notes) {

    public AssociationPlan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /**
     * @param subject the service account or add-on it is about
     * @param tasks   the writes it makes, in order
     * @param apply   makes them; answers one line saying what was done
     */
    public record Change(String subject, List<String> tasks, Supplier<String> apply) {
        public Change {
            tasks = List.copyOf(tasks);
        }
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The plan as lines, eksctl-like: each change with its tasks, then the notes. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("(plan) would " + verb + " " + changes.size() + " pod identity association(s)" + (changes.isEmpty()
                ? "" : " by executing the following tasks:"));
        for (Change change : changes) {
            lines.add("  " + change.subject() + ":");
            // A task's detail lines (indented) hang under it rather than reading as tasks of their own.
            change.tasks().forEach(task -> lines.add(task.startsWith(" ") ? "        " + task.strip() : "    - " + task));
        }
        notes.forEach(note -> lines.add("! " + note));
        return lines;
    }
}
