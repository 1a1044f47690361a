package dev.pim.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.app.CommandEngine;
import dev.pim.app.CommandSettings;
import dev.pim.migration.apply.Progress;
import dev.pim.migration.association.AssociationContext;
import dev.pim.migration.association.AssociationInputException;
import dev.pim.migration.association.AssociationRefusedException;
import dev.pim.migration.association.AssociationRequest;
import dev.pim.migration.association.AssociationRules;
import dev.pim.migration.association.ClusterConfig;
import dev.pim.migration.association.ClusterConfigReader;
import dev.pim.migration.association.FieldLabels;
import dev.pim.migration.association.Partition;
import dev.pim.migration.association.Purpose;
import dev.pim.migration.association.RawAssociation;
import dev.pim.migration.port.ClusterNotFoundException;
import dev.pim.migration.port.RoleNotYetUsableException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What {@code get|create|update|delete podidentityassociation} share, as eksctl has them: the cluster and the
 * associations come from flags or from a ClusterConfig file ({@code -f}), never both; input is checked before any
 * call; a plan is printed before any write, and {@code --dry-run} stops there.
 */
abstract class AssociationCommand implements Callable<Integer> {

    @Option(names = {"-c", "--cluster"}, description = "EKS cluster name (or metadata.name of the config file).")
    String cluster;

    @Option(names = {"-f", "--config-file"}, description = "An eksctl ClusterConfig (apiVersion eksctl.io/v1alpha5) "
            + "listing the associations under iam.podIdentityAssociations.")
    Path configFile;

    @Option(names = "--namespace", description = "Namespace of the service account.")
    String namespace;

    @Option(names = "--service-account-name", description = "Name of the service account.")
    String serviceAccountName;

    @Mixin
    AwsOptions aws;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The cluster and the associations the command acts on, once the input is checked. */
    record Target(String cluster, String region, List<AssociationRequest> associations) {
    }

    @Override
    public final Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int[] applied = {0};
        try {
            Target target = configFile != null ? fromFile() : fromFlags();
            CommandSettings settings = new CommandSettings(target.region(), aws.endpoint(), target.cluster(), null, null);
            try (CommandEngine engine = CommandEngine.open(settings, Progress.NONE)) {
                return run(engine.session().associations(), target, out, applied);
            }
        } catch (UsageException | AssociationInputException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (AssociationRefusedException | ClusterNotFoundException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return applied[0] > 0 ? ExitCodes.FAILED_AFTER_CHANGES : ExitCodes.FAILED;
        } catch (SdkException | IllegalArgumentException | IllegalStateException | IOException
                 | RoleNotYetUsableException e) {
            err.println(spec.qualifiedName() + ": " + (applied[0] > 0 ? "stopped after " + applied[0]
                    + " change(s): " : "") + e.getMessage());
            return applied[0] > 0 ? ExitCodes.FAILED_AFTER_CHANGES : ExitCodes.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** What this command reads the associations for. */
    abstract Purpose purpose();

    /** The association given by flags, as {@link RawAssociation} (get and delete use only namespace and name). */
    RawAssociation flagsAssociation() {
        return new RawAssociation(namespace, serviceAccountName, null, null, null, null, null, null, null);
    }

    /** Whether any flag that describes an association was given (they cannot be mixed with -f). */
    boolean associationFlagsGiven() {
        return namespace != null || serviceAccountName != null;
    }

    /**
     * @param applied counts the changes made, so a failure after some says so
     */
    abstract int run(AssociationContext context, Target target, PrintWriter out, int[] applied) throws IOException;

    Target fromFlags() {
        if (cluster == null) {
            throw new UsageException("--cluster is required (or give the associations in a ClusterConfig with -f)");
        }
        ClusterOptions.requireClusterName(cluster);
        String region = aws.region();
        return new Target(cluster, region, flagsRequests(region));
    }

    /** The associations the flags give; get may give none (every association of the cluster). */
    List<AssociationRequest> flagsRequests(String region) {
        return List.of(AssociationRules.check(flagsAssociation(), purpose(), Partition.ofRegion(region),
                FieldLabels.flags()));
    }

    private Target fromFile() {
        if (associationFlagsGiven()) {
            throw new UsageException("give the associations either with -f " + configFile + " or with flags, not both");
        }
        JsonNode document = readYaml(configFile);
        ClusterConfig config = ClusterConfigReader.read(document, configFile.toString(), purpose(),
                aws.region != null ? aws.region : fallbackRegion());
        if (cluster != null && !cluster.equals(config.clusterName())) {
            throw new UsageException("--cluster " + cluster + " and metadata.name " + config.clusterName() + " of "
                    + configFile + " differ: give one");
        }
        if (aws.region != null && !aws.region.equals(config.region()) && document.path("metadata").has("region")) {
            throw new UsageException("--region " + aws.region + " and metadata.region " + config.region() + " of "
                    + configFile + " differ: give one");
        }
        if (aws.region == null) {
            aws.region = config.region();
        }
        return new Target(config.clusterName(), aws.region(), config.associations());
    }

    /** The region from the environment, when the file has none and no --region is given. */
    private static String fallbackRegion() {
        String env = System.getenv("AWS_REGION");
        return env != null && !env.isBlank() ? env : System.getenv("AWS_DEFAULT_REGION");
    }

    static JsonNode readYaml(Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException("-f " + file + ": no such file, or it cannot be read");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try {
            return yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new AssociationInputException(file + (where == null ? "" : ": line " + where.getLineNr()),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("-f " + file + ": cannot be read: " + e.getMessage());
        }
    }
}
