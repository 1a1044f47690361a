package dev.pim.integration;

import dev.pim.ledger.FileJournal;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.migration.ClusterRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code pim migrate --approve} asks of AWS, counted by the emulator: every planned role read once by
 * discovery and otherwise only under its lease (once per trust edit), associations listed by discovery and by
 * the verification (its second pass after the OIDC cleanup reuses the listing), described only when the run
 * neither described nor created them (the add-on's is made by EKS, so described once), writes at the minimum, and
 * a re-run that writes nothing.
 */
@ExtendWith(TestCredentials.class)
class CallCountIntegrationTest {
    static final String ACCOUNT = "111122223333";
    static final int BINDINGS = 24;
    static final int BINDING_ROLES = 10;
    /** The binding roles and the add-on's. */
    static final int ROLES = BINDING_ROLES + 1;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    @BeforeEach
    void generatedCluster() {
        cloud.cloud().reset(FixtureLoader.parse("call-counts.yaml", fixture()));
        cloud.cloud().invariants().journal(new JournalOriginals(new FileJournal(journal, Clock.systemUTC()),
                new ClusterRef(ACCOUNT, "us-west-2", "counted")));
        cloud.counters().reset();
    }

    @Test
    void migrateReadsEachRoleOnceOutsideItsLeaseAndWritesTheMinimum() {
        assertThat(migrate().exitCode()).isZero();
        // Discovery's GetRole, then one under the lease when the Pod Identity statement is added.
        assertThat(count("iam:GetRole")).isEqualTo(2L * ROLES);
        assertThat(count("iam:UpdateAssumeRolePolicy")).isEqualTo(ROLES);
        assertThat(count("eks:CreatePodIdentityAssociation")).isEqualTo(BINDINGS);
        assertThat(count("eks:UpdateAddon")).isEqualTo(1);
        assertThat(count("eks:ListPodIdentityAssociations")).as("discovery and verification, one page each").isEqualTo(2);
        assertThat(count("eks:DescribePodIdentityAssociation"))
                .as("none existed and the run knows what it created: only the one EKS made for the add-on").isEqualTo(1);

        cloud.counters().reset();
        assertThat(migrate().exitCode()).isZero();
        assertThat(writes()).as("a re-run writes nothing").isEmpty();
        assertThat(count("iam:GetRole")).isEqualTo(2L * ROLES);
        assertThat(count("eks:ListPodIdentityAssociations")).isEqualTo(2);
        assertThat(count("eks:DescribePodIdentityAssociation"))
                .as("a new run describes each association once, in discovery").isEqualTo(BINDINGS + 1);
    }

    @Test
    void oidcCleanupReadsEachRoleOnceOutsideItsLeaseAndWritesTheMinimum() {
        assertThat(migrate("--remove-oidc-trust").exitCode()).isZero();
        // Discovery's GetRole, then one under the lease for each of the two edits.
        assertThat(count("iam:GetRole")).isEqualTo(3L * ROLES);
        assertThat(count("iam:UpdateAssumeRolePolicy")).as("Pod Identity in, then this cluster's subjects out")
                .isEqualTo(2L * ROLES);
        assertThat(count("eks:CreatePodIdentityAssociation")).isEqualTo(BINDINGS);
        assertThat(count("eks:ListPodIdentityAssociations")).isEqualTo(2);
        assertThat(count("eks:DescribePodIdentityAssociation")).as("the add-on's, which EKS made").isEqualTo(1);
        String trust = cloud.cloud().read(s -> s.account(ACCOUNT).role("role-0").orElseThrow().trustPolicy);
        assertThat(trust).contains("pods.eks.amazonaws.com").doesNotContain("oidc-provider");

        cloud.counters().reset();
        assertThat(migrate("--remove-oidc-trust").exitCode()).isZero();
        assertThat(writes()).as("a re-run writes nothing").isEmpty();
        // Discovery, the lease of the (unchanged) Pod Identity edit; no subject is left to remove, so no lease read.
        assertThat(count("iam:GetRole")).isEqualTo(2L * ROLES);
        assertThat(count("eks:DescribePodIdentityAssociation")).isEqualTo(BINDINGS + 1);
    }

    private CliRun migrate(String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--approve", "-c", "counted", "--concurrency", "4"));
        args.addAll(List.of(more));
        CliRun run = CliRun.against(cloud, journal, args.toArray(String[]::new));
        assertThat(run.err()).doesNotContain("Exception");
        return run;
    }

    private static long count(String operation) {
        return cloud.counters().count(operation);
    }

    /** Mutating IAM and EKS calls (the Kubernetes API's are not counted here: none are asked for). */
    private static Map<String, Long> writes() {
        Map<String, Long> out = new java.util.TreeMap<>(cloud.counters().mutatingSnapshot());
        out.keySet().removeIf(k -> !k.startsWith("iam:") && !k.startsWith("eks:"));
        return out;
    }

    /** {@value #BINDINGS} service accounts in 4 namespaces over {@value #BINDING_ROLES} roles (most shared), an IRSA add-on;
     * no pods, so every binding verifies without a restart. */
    private static String fixture() {
        StringBuilder y = new StringBuilder();
        y.append("description: call counts\nbehaviour: {addonSettleSeconds: 0.02}\naccounts:\n");
        y.append("  - id: \"").append(ACCOUNT).append("\"\n");
        y.append("    credentials: [{accessKeyId: test, secretAccessKey: test, role: operator}]\n    roles:\n");
        y.append("      - name: operator\n        trustPolicy: '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":")
                .append("\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::").append(ACCOUNT)
                .append(":root\"},\"Action\":\"sts:AssumeRole\"}]}'\n");
        for (int r = 0; r < BINDING_ROLES; r++) {
            List<String> accounts = new ArrayList<>();
            for (int i = r; i < BINDINGS; i += BINDING_ROLES) {
                accounts.add(serviceAccount(i));
            }
            y.append("      - name: role-").append(r).append("\n        irsa: [{cluster: counted, serviceAccounts: [")
                    .append(String.join(", ", accounts)).append("]}]\n");
        }
        y.append("      - name: cni-role\n        irsa: [{cluster: counted, serviceAccounts: [kube-system/aws-node]}]\n");
        y.append("    regions:\n      - name: us-west-2\n        clusters:\n          - name: counted\n");
        y.append("            addons: [{name: vpc-cni, serviceAccountRoleArn: \"arn:aws:iam::").append(ACCOUNT)
                .append(":role/cni-role\"}]\n            serviceAccounts:\n");
        for (int i = 0; i < BINDINGS; i++) {
            String[] sa = serviceAccount(i).split("/");
            y.append("              - {namespace: ").append(sa[0]).append(", name: ").append(sa[1])
                    .append(", roleArn: \"arn:aws:iam::").append(ACCOUNT).append(":role/role-").append(i % BINDING_ROLES)
                    .append("\"}\n");
        }
        return y.toString();
    }

    private static String serviceAccount(int i) {
        return "team-" + (i % 4) + "/app-" + i;
    }
}
