package dev.pim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationDirectory;
import dev.pim.migration.association.AssociationRequest;
import dev.pim.migration.association.AssociationRules;
import dev.pim.migration.association.FieldLabels;
import dev.pim.migration.association.Purpose;
import dev.pim.migration.inventory.AssociationInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code pim get podidentityassociation}: every page of ListPodIdentityAssociations, each described for its role. */
@Command(name = "podidentityassociation", aliases = "podidentityassociations", mixinStandardHelpOptions = true,
        description = "List the cluster's Pod Identity associations (all of them, or of a namespace, or of one "
                + "service account), with their roles.")
final class GetPodIdentityAssociationCommand extends AssociationCommand {

    enum Format { table, json, yaml }

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table, json or yaml (default: ${DEFAULT-VALUE}).")
    Format output;

    @Override
    Purpose purpose() {
        return Purpose.SELECT;
    }

    @Override
    List<AssociationRequest> flagsRequests(String region) {
        if (serviceAccountName != null && namespace == null) {
            throw new UsageException("--service-account-name needs --namespace");
        }
        if (namespace != null) {
            AssociationRules.checkNamespace(namespace, FieldLabels.flags());
        }
        return serviceAccountName == null ? List.of() : super.flagsRequests(region);
    }

    @Override
    int run(AssociationContext context, Target target, PrintWriter out, int[] applied) throws IOException {
        AssociationDirectory directory = context.directory();
        List<AssociationInfo> found = new ArrayList<>();
        if (target.associations().isEmpty()) {
            found.addAll(directory.find(namespace, null));
        } else {
            target.associations().forEach(r -> found.addAll(directory.find(r.serviceAccount().namespace(),
                    r.serviceAccount().name())));
        }
        found.sort(Comparator.comparing(AssociationInfo::serviceAccount));
        switch (output) {
            case json -> out.println(Views.JSON.writeValueAsString(view(found)));
            case yaml -> out.print(new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .writeValueAsString(view(found)));
            case table -> table(found, out);
        }
        return ExitCodes.OK;
    }

    private static ArrayNode view(List<AssociationInfo> associations) {
        ArrayNode list = Views.JSON.createArrayNode();
        for (AssociationInfo a : associations) {
            var item = list.addObject().put("associationId", a.id()).put("associationARN", a.arn())
                    .put("namespace", a.serviceAccount().namespace())
                    .put("serviceAccountName", a.serviceAccount().name()).put("roleARN", a.roleArn());
            if (a.targetRoleArn() != null) {
                item.put("targetRoleARN", a.targetRoleArn());
            }
            if (a.ownerArn() != null) {
                item.put("ownerARN", a.ownerArn());
            }
            if (!a.tags().isEmpty()) {
                var tags = item.putObject("tags");
                a.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(t -> tags.put(t.getKey(), t.getValue()));
            }
        }
        return list;
    }

    private static void table(List<AssociationInfo> associations, PrintWriter out) {
        if (associations.isEmpty()) {
            out.println("No pod identity associations found");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"ASSOCIATION ARN", "NAMESPACE", "SERVICE ACCOUNT NAME", "IAM ROLE ARN", "OWNER ARN"});
        for (AssociationInfo a : associations) {
            rows.add(new String[]{a.arn(), a.serviceAccount().namespace(), a.serviceAccount().name(), a.roleArn(),
                    a.ownerArn() == null ? "" : a.ownerArn()});
        }
        int[] widths = new int[rows.get(0).length];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
