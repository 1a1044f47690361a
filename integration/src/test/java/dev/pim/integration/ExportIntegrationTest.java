package dev.pim.integration;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociation;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pim export} after a migration of the demo cluster, in each format: the output parses (YAML, HCL, and
 * {@code terraform fmt -check} and {@code cfn-lint} where installed) and says what EKS and IAM hold, read back
 * through the SDK as the observer.
 */
@ExtendWith(TestCredentials.class)
class ExportIntegrationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo").withAddonSettleTime(Duration.ofMillis(100));

    @TempDir
    Path dir;

    private Map<String, String> roleByServiceAccount;
    private Map<String, String> addonRoleByServiceAccount;

    @BeforeEach
    void migrateTheDemo() {
        CliRun migrate = CliRun.against(cloud, dir.resolve("journal"), "migrate", "--cluster", "demo", "--approve");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        roleByServiceAccount = new TreeMap<>();
        addonRoleByServiceAccount = new TreeMap<>();
        try (EksClient eks = EksClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(credentials()).build()) {
            eks.listPodIdentityAssociationsPaginator(r -> r.clusterName("demo")).associations().forEach(s -> {
                PodIdentityAssociation a = eks.describePodIdentityAssociation(r -> r.clusterName("demo")
                        .associationId(s.associationId())).association();
                (a.ownerArn() == null ? roleByServiceAccount : addonRoleByServiceAccount)
                        .put(a.namespace() + "/" + a.serviceAccount(), a.roleArn());
            });
        }
        assertThat(roleByServiceAccount).hasSize(16);
        assertThat(addonRoleByServiceAccount).hasSize(2);
    }

    @Test
    void eksctlConfigListsEveryAssociation() throws Exception {
        JsonNode config = new YAMLMapper().readTree(export("eksctl"));
        assertThat(config.at("/metadata/name").asText()).isEqualTo("demo");
        Map<String, String> standalone = new TreeMap<>();
        config.at("/iam/podIdentityAssociations").forEach(a -> standalone.put(a.get("namespace").asText() + "/"
                + a.get("serviceAccountName").asText(), a.get("roleARN").asText()));
        assertThat(standalone).isEqualTo(roleByServiceAccount);
        Map<String, String> owned = new TreeMap<>();
        config.get("addons").forEach(addon -> addon.get("podIdentityAssociations").forEach(a ->
                owned.put("kube-system/" + a.get("serviceAccountName").asText(), a.get("roleARN").asText())));
        assertThat(owned).isEqualTo(addonRoleByServiceAccount);
    }

    @Test
    @SuppressWarnings("unchecked")
    void terraformParsesAndCarriesEachRolesTrustAsIamHoldsIt() throws Exception {
        String hcl = export("terraform");
        Map<String, Object> resources = (Map<String, Object>) new HCLParser().parse(hcl).get("resource");
        Map<String, String> standalone = new TreeMap<>();
        ((Map<String, Object>) resources.get("aws_eks_pod_identity_association")).values().forEach(r -> {
            Map<String, Object> a = (Map<String, Object>) r;
            standalone.put(a.get("namespace") + "/" + a.get("service_account"), (String) a.get("role_arn"));
        });
        assertThat(standalone).isEqualTo(roleByServiceAccount);
        Map<String, Object> roles = (Map<String, Object>) resources.get("aws_iam_role");
        assertThat(roles).hasSize(17);
        Map<String, Object> payments = (Map<String, Object>) roles.get("payments-api");
        assertThat(new ObjectMapper().readTree((String) payments.get("assume_role_policy"))).isEqualTo(trustInIam("payments-api"));
        Assumptions.assumeTrue(onPath("terraform"), "terraform is not on PATH: terraform fmt -check not run (the HCL parsed)");
        assertThat(run("terraform", "fmt", "-check", "-diff", write("export.tf", hcl).toString())).isEmpty();
    }

    @Test
    void cloudFormationTemplateHasEveryAssociationAndTrustAndPassesCfnLint() throws Exception {
        String yaml = export("cloudformation");
        JsonNode resources = new YAMLMapper().readTree(yaml).get("Resources");
        Map<String, String> standalone = new TreeMap<>();
        Set<String> types = new TreeSet<>();
        resources.forEach(r -> {
            types.add(r.get("Type").asText());
            if (r.get("Type").asText().equals("AWS::EKS::PodIdentityAssociation")) {
                standalone.put(r.at("/Properties/Namespace").asText() + "/" + r.at("/Properties/ServiceAccount").asText(),
                        r.at("/Properties/RoleArn").asText());
            }
        });
        assertThat(standalone).isEqualTo(roleByServiceAccount);
        assertThat(types).containsExactly("AWS::EKS::Addon", "AWS::EKS::PodIdentityAssociation", "AWS::IAM::Role");
        assertThat(resources.at("/AwsLoadBalancerControllerRole/Properties/AssumeRolePolicyDocument"))
                .isEqualTo(trustInIam("aws-load-balancer-controller"));
        Assumptions.assumeTrue(onPath("cfn-lint"), "cfn-lint is not on PATH: the template is not linted (pip install cfn-lint)");
        assertThat(run("cfn-lint", write("export.yaml", yaml).toString())).isEmpty();
    }

    @Test
    void anUnknownClusterIsNamedAndNothingIsWritten() {
        Path file = dir.resolve("nothing.yaml");
        CliRun run = CliRun.of("export", "--cluster", "nosuch", "--format", "eksctl", "--output", file.toString(),
                "--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nosuch");
        assertThat(file).doesNotExist();
    }

    private String export(String format) throws Exception {
        Path file = dir.resolve("export." + format);
        CliRun run = CliRun.of("export", "--cluster", "demo", "--format", format, "--output", file.toString(),
                "--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.readString(file);
    }

    private JsonNode trustInIam(String role) throws Exception {
        try (IamClient iam = IamClient.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials()).build()) {
            String encoded = iam.getRole(r -> r.roleName(role)).role().assumeRolePolicyDocument();
            return new ObjectMapper().readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    /** @return what the command printed when it failed, empty when it exited 0 */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? "" : String.join(" ", command) + " exited " + p.exitValue() + ":\n" + output;
    }
}
