package dev.pim.cli;

import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationPlan;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** What {@code create|update|delete podidentityassociation} share: a plan printed first, then applied unless {@code --dry-run}. */
abstract class AssociationChangeCommand extends AssociationCommand {

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    /** The changes this command would make to the target's associations. */
    abstract AssociationPlan plan(AssociationContext context, Target target);

    @Override
    final int run(AssociationContext context, Target target, PrintWriter out, int[] applied) {
        AssociationPlan plan = plan(context, target);
        plan.lines().forEach(out::println);
        out.flush();
        if (dryRun) {
            out.println("no changes were applied (--dry-run)");
            return ExitCodes.OK;
        }
        for (AssociationPlan.Change change : plan.changes()) {
            out.println(change.apply().get());
            out.flush();
            applied[0]++;
        }
        return ExitCodes.OK;
    }
}
