package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.junit.InvariantsNotEnforced;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.PodIdentityAssociationSummary;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code pim get|create|update|delete podidentityassociation} against the demo cluster of the local cloud, as a new
 * user runs them, observed through real SDK clients: the role pim creates (trust, policies, tags), the association,
 * the filters, update, delete (and only the roles pim created), the same from an eksctl config file, a second
 * create refused, add-ons routed through UpdateAddon, bad input refused before any call.
 */
@ExtendWith(TestCredentials.class)
@InvariantsNotEnforced("creating an association gives a service account a role it did not have: that is what the user "
        + "asks for here, whereas the monitor guards the migration, which must never widen access")
class PodIdentityAssociationIntegrationTest {
    static final String ACCOUNT = "111122223333";
    static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    static final String POD_IDENTITY_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path dir;

    @AutoClose
    private final IamClient iam = iam(cloud);
    @AutoClose
    private final EksClient eks = eks(cloud);

    @Test
    void createFromFlagsMakesARoleTrustingPodIdentityWithThePolicyAttachedAndTheAssociation() {
        CliRun run = pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--permission-policy-arns", S3_READ, "--tags", "team=data");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(plan) would create 1 pod identity association(s)")
                .contains("created association a-");
        Role role = onlyCreatedRole();
        String trust = URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8);
        assertThat(trust).contains("\"Service\":\"pods.eks.amazonaws.com\"").contains("sts:AssumeRole")
                .contains("sts:TagSession").doesNotContain("Federated");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(role.roleName())).attachedPolicies())
                .extracting(AttachedPolicy::policyArn).containsExactly(S3_READ);
        assertThat(role.tags()).extracting(Tag::key, Tag::value).contains(
                org.assertj.core.groups.Tuple.tuple("pod-identity-migrator/created-for", "us-west-2/demo/default/s3-reader"),
                org.assertj.core.groups.Tuple.tuple("team", "data"));
        assertThat(associations("default", "s3-reader")).singleElement().satisfies(a -> assertThat(eks
                .describePodIdentityAssociation(r -> r.clusterName("demo").associationId(a.associationId()))
                .association().roleArn()).isEqualTo(role.arn()));
    }

    @Test
    void getListsEveryPageFilteredByNamespaceAndServiceAccount() throws Exception {
        String role = iam.createRole(r -> r.roleName("shared-pods").assumeRolePolicyDocument(POD_IDENTITY_TRUST)).role().arn();
        // More than one page of ListPodIdentityAssociations (EKS returns 100 at most).
        for (int i = 0; i < 102; i++) {
            String sa = "worker-" + i;
            eks.createPodIdentityAssociation(r -> r.clusterName("demo").namespace("batch").serviceAccount(sa).roleArn(role));
        }
        eks.createPodIdentityAssociation(r -> r.clusterName("demo").namespace("web").serviceAccount("frontend").roleArn(role));

        JsonNode all = json(pim("get", "podidentityassociation", "--cluster", "demo", "-o", "json"));
        assertThat(all).hasSize(103);
        JsonNode web = json(pim("get", "podidentityassociation", "--cluster", "demo", "--namespace", "web", "-o", "json"));
        assertThat(web).singleElement().satisfies(a -> {
            assertThat(a.get("serviceAccountName").asText()).isEqualTo("frontend");
            assertThat(a.get("roleARN").asText()).isEqualTo(role);
        });
        JsonNode one = json(pim("get", "podidentityassociation", "--cluster", "demo", "--namespace", "batch",
                "--service-account-name", "worker-7", "-o", "json"));
        assertThat(one).singleElement().satisfies(a -> assertThat(a.get("serviceAccountName").asText()).isEqualTo("worker-7"));
        CliRun table = pim("get", "podidentityassociation", "--cluster", "demo", "--namespace", "web");
        assertThat(table.out()).contains("ASSOCIATION ARN").contains("frontend").contains(role);
        CliRun yaml = pim("get", "podidentityassociation", "--cluster", "demo", "--namespace", "web", "-o", "yaml");
        assertThat(yaml.out()).startsWith("- associationId: ").contains("serviceAccountName: \"frontend\"");
    }

    @Test
    void updateGivesAnotherRoleAndDeleteRemovesTheAssociationAndOnlyTheRolePimCreated() {
        assertThat(pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--permission-policy-arns", S3_READ,
                "--well-known-policies", "externalDNS").exitCode()).isZero();
        Role created = onlyCreatedRole();
        String other = iam.createRole(r -> r.roleName("team-owned").assumeRolePolicyDocument(POD_IDENTITY_TRUST)).role().arn();

        CliRun update = pim("update", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--role-arn", other);
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(roleOf("default", "s3-reader")).isEqualTo(other);

        CliRun delete = pim("delete", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("delete IAM role \"" + created.roleName() + "\"")
                .contains("role team-owned of default/s3-reader is kept: pim did not create it");
        assertThat(associations("default", "s3-reader")).isEmpty();
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName(created.roleName()))).isInstanceOf(NoSuchEntityException.class);
        assertThat(iam.getRole(r -> r.roleName("team-owned")).role().arn()).isEqualTo(other);
    }

    @Test
    void theSameFromAnEksctlConfigFile() throws Exception {
        String existing = iam.createRole(r -> r.roleName("cache-role").assumeRolePolicyDocument(POD_IDENTITY_TRUST)).role().arn();
        Path config = Files.writeString(dir.resolve("cluster.yaml"), """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata:
                  name: demo
                  region: us-west-2
                iam:
                  podIdentityAssociations:
                  - namespace: default
                    serviceAccountName: s3-reader
                    permissionPolicyARNs: ["%s"]
                    wellKnownPolicies:
                      autoScaler: true
                    permissionPolicy:
                      Version: "2012-10-17"
                      Statement:
                      - {Effect: Allow, Action: ["sqs:SendMessage"], Resource: "*"}
                  - namespace: dev
                    serviceAccountName: app-cache-access
                    roleARN: %s
                """.formatted(S3_READ, existing));

        CliRun create = pim("create", "podidentityassociation", "-f", config.toString());
        assertThat(create.exitCode()).as(create.err()).isZero();
        Role created = onlyCreatedRole();
        assertThat(iam.listRolePolicies(r -> r.roleName(created.roleName())).policyNames())
                .containsExactly("Policy1", "PolicyAutoScaling");
        assertThat(roleOf("dev", "app-cache-access")).isEqualTo(existing);
        assertThat(json(pim("get", "podidentityassociation", "-f", config.toString(), "-o", "json"))).hasSize(2);

        Path update = Files.writeString(dir.resolve("update.yaml"), """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {name: demo, region: us-west-2}
                iam:
                  podIdentityAssociations:
                  - namespace: default
                    serviceAccountName: s3-reader
                    roleARN: %s
                """.formatted(existing));
        assertThat(pim("update", "podidentityassociation", "-f", update.toString()).exitCode()).isZero();
        assertThat(roleOf("default", "s3-reader")).isEqualTo(existing);

        CliRun delete = pim("delete", "podidentityassociation", "-f", config.toString());
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(eks.listPodIdentityAssociations(r -> r.clusterName("demo")).associations()).isEmpty();
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName(created.roleName()))).isInstanceOf(NoSuchEntityException.class);
        assertThat(iam.getRole(r -> r.roleName("cache-role")).role().arn()).isEqualTo(existing);
    }

    @Test
    void aSecondCreateForTheSameServiceAccountFailsWithEksctlsMeaningAndCreatesNoRole() {
        String[] create = {"create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--permission-policy-arns", S3_READ};
        assertThat(pim(create).exitCode()).isZero();
        int roles = roleCount();
        long writesBefore = cloud.counters().mutatingCalls();

        CliRun again = pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--permission-policy-arns", S3_READ, "--role-name", "second");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("service account default/s3-reader already has a pod identity association")
                .contains("only one IAM role can be associated with a service account at a time");
        assertThat(roleCount()).isEqualTo(roles);
        assertThat(cloud.counters().mutatingCalls()).isEqualTo(writesBefore);
    }

    @Test
    void anAddonsServiceAccountIsRefusedNamingUpdateAddonAndRoutedThereWithAddon() {
        CliRun refused = pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "kube-system",
                "--service-account-name", "ebs-csi-controller-sa", "--permission-policy-arns", S3_READ);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("is the service account of add-on aws-ebs-csi-driver")
                .contains("UpdateAddon").contains("--addon aws-ebs-csi-driver");

        CliRun routed = pim("create", "podidentityassociation", "--cluster", "demo", "--addon", "aws-ebs-csi-driver");

        assertThat(routed.exitCode()).as(routed.err()).isZero();
        var addon = eks.describeAddon(r -> r.clusterName("demo").addonName("aws-ebs-csi-driver")).addon();
        assertThat(addon.podIdentityAssociations()).hasSize(1);
        PodIdentityAssociationSummary association = associations("kube-system", "ebs-csi-controller-sa").get(0);
        assertThat(association.ownerArn()).isEqualTo(addon.addonArn());
        String roleArn = roleOf("kube-system", "ebs-csi-controller-sa");
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName(roleName)).attachedPolicies())
                .extracting(AttachedPolicy::policyArn)
                .containsExactly("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
    }

    @Test
    void badInputInAConfigFileIsRefusedBeforeAnyCall() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: eksctl.io/v1alpha5
                kind: ClusterConfig
                metadata: {name: demo, region: us-west-2}
                iam:
                  podIdentityAssociations:
                  - {namespace: default, serviceAccountName: a, roleARN: "arn:aws:iam::%s:role/a"}
                  - {namespace: default, serviceAccountName: b, wellKnownPolicies: {karpenter: true}}
                """.formatted(ACCOUNT));

        CliRun run = pim("create", "podidentityassociation", "-f", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(config + ": iam.podIdentityAssociations[1].wellKnownPolicies.karpenter: "
                + "'karpenter' is not a well-known policy");
        assertThat(cloud.counters().totalCalls()).isZero();
    }

    @Test
    void dryRunPrintsThePlanAndWritesNothing() {
        CliRun run = pim("create", "podidentityassociation", "--cluster", "demo", "--namespace", "default",
                "--service-account-name", "s3-reader", "--well-known-policies", "awsLoadBalancerController", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("create IAM role \"pim-demo-default-s3-reader-")
                .contains("put inline policy PolicyAWSLoadBalancerController").contains("no changes were applied (--dry-run)");
        assertThat(cloud.counters().mutatingCalls()).isZero();
    }

    private CliRun pim(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("-f")) {
            all.addAll(List.of("--region", "us-west-2"));
        }
        all.addAll(List.of("--endpoint-url", cloud.endpoint().toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    private Role onlyCreatedRole() {
        List<Role> created = iam.listRoles().roles().stream()
                .filter(r -> r.roleName().startsWith("pim-demo-")).toList();
        assertThat(created).hasSize(1);
        return iam.getRole(r -> r.roleName(created.get(0).roleName())).role();
    }

    private int roleCount() {
        return (int) iam.listRolesPaginator().roles().stream().count();
    }

    private List<PodIdentityAssociationSummary> associations(String namespace, String serviceAccount) {
        return eks.listPodIdentityAssociations(r -> r.clusterName("demo").namespace(namespace)
                .serviceAccount(serviceAccount)).associations();
    }

    private String roleOf(String namespace, String serviceAccount) {
        String id = associations(namespace, serviceAccount).get(0).associationId();
        return eks.describePodIdentityAssociation(r -> r.clusterName("demo").associationId(id)).association().roleArn();
    }

    static IamClient iam(LocalCloudExtension cloud) {
        return IamClient.builder().endpointOverride(cloud.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static EksClient eks(LocalCloudExtension cloud) {
        return EksClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
