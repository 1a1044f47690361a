package dev.pim.cli;

import dev.pim.export.ClusterExport;
import dev.pim.export.ExportReader;
import dev.pim.export.IacFormat;
import dev.pim.migration.port.ClusterNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pim export}: the cluster's associations and their roles' trust as infrastructure code; read calls only. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the cluster's Pod Identity associations, and the trust policy of each role they name as it "
                + "stands, as an eksctl ClusterConfig, Terraform or a CloudFormation template, so that infrastructure "
                + "code can take them over (and a stack or an apply does not revert a migration). Makes no change.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = {"-c", "--cluster"}, required = true, description = "EKS cluster name.")
    String cluster;

    @Mixin
    AwsOptions aws;

    @Option(names = "--format", required = true, description = "eksctl, terraform or cloudformation.")
    IacFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file (default: stdout).")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ClusterOptions.requireClusterName(cluster);
            ClusterOptions options = new ClusterOptions();
            options.cluster = cluster;
            options.aws = aws;
            options.noProgress = true;
            String document;
            try (Engine engine = Engine.open(options, err)) {
                ClusterExport export = new ExportReader(engine.session.eks(), engine.session.iam())
                        .read(engine.session.cluster());
                document = format.render(export);
            }
            if (output == null) {
                spec.commandLine().getOut().print(document);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, document, StandardCharsets.UTF_8);
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ClusterNotFoundException | IllegalArgumentException | IllegalStateException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": cannot write " + output + ": " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (SdkException e) {
            err.println(spec.qualifiedName() + ": AWS call failed: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            err.flush();
        }
    }
}
