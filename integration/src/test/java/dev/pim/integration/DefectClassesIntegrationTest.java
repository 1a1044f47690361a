package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.ClusterState;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per defect class that scenarios tried from outside found (issue 8), through the {@code pim} command line
 * against the local cloud, each on a cluster made for it. Each failed before its fix.
 */
@ExtendWith(TestCredentials.class)
class DefectClassesIntegrationTest {
    static final String ACCOUNT = "111122223333";
    static final String ISSUER = "oidc.eks.us-west-2.amazonaws.com/id/0DEFEC7C1A55E5000000000000000000";
    static final String PROVIDER = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/" + ISSUER;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path journal;

    /** A cluster "shop" with the agent absent; roles and service accounts as given (YAML list items). */
    private static String shop(String roles, String serviceAccounts, String workloads) {
        return """
                behaviour: {addonSettleSeconds: 0.05}
                accounts:
                  - id: "111122223333"
                    credentials: [{accessKeyId: test, secretAccessKey: test, role: operator}]
                    roles:
                      - name: operator
                        trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: "sts:AssumeRole"}]}
                %s
                    regions:
                      - name: us-west-2
                        clusters:
                          - name: shop
                            oidcIssuerId: 0DEFEC7C1A55E5000000000000000000
                            serviceAccounts:
                %s
                            workloads:
                %s
                """.formatted(roles.indent(6).stripTrailing(), serviceAccounts.indent(14).stripTrailing(),
                workloads.indent(14).stripTrailing());
    }

    private static String exactTrust(String name, String... subjects) {
        return "- name: " + name + "\n  irsa: [{cluster: shop, serviceAccounts: [" + String.join(", ", subjects) + "]}]";
    }

    private void load(String yaml) {
        cloud.cloud().reset(FixtureLoader.parse("defect.yaml", yaml));
    }

    private CliRun pim(String... args) {
        return CliRun.against(cloud, journal, args);
    }

    private List<String> associations() {
        return cloud.cloud().read(s -> s.cluster(ACCOUNT, "us-west-2", "shop").orElseThrow().associations.values().stream()
                .map(a -> a.namespace + "/" + a.serviceAccount + "=" + a.roleArn.substring(a.roleArn.lastIndexOf('/') + 1))
                .sorted().toList());
    }

    /** The credential environment of each pod of a workload: irsa, pod-identity, both or none. */
    private List<String> podCredentials(String namespace, String workload) {
        return cloud.cloud().read(s -> {
            ClusterState cluster = s.cluster(ACCOUNT, "us-west-2", "shop").orElseThrow();
            return cluster.kubernetes.pods.values().stream()
                    .filter(p -> p.getMetadata().getNamespace().equals(namespace) && p.getMetadata().getName().startsWith(workload + "-"))
                    .map(DefectClassesIntegrationTest::credentials).toList();
        });
    }

    private static String credentials(Pod pod) {
        List<String> names = pod.getSpec().getContainers().stream().flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty()
                : c.getEnv().stream()).map(EnvVar::getName).toList();
        boolean irsa = names.contains("AWS_ROLE_ARN");
        boolean podIdentity = names.contains("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        return irsa && podIdentity ? "both" : irsa ? "irsa" : podIdentity ? "pod-identity" : "none";
    }

    @Test
    void aTrustWithAnAudienceButNoSubjectBindsOnlyTheAnnotatedServiceAccount() throws Exception {
        load(shop("""
                - name: frontend
                  trustPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:aud":"sts.amazonaws.com"}}}]}'
                """.formatted(PROVIDER, ISSUER), """
                - {namespace: web, name: frontend, roleArn: "arn:aws:iam::111122223333:role/frontend"}
                - {namespace: web, name: default}
                - {namespace: batch, name: reports}
                """, """
                - {namespace: web, name: frontend, serviceAccount: frontend}
                - {namespace: batch, name: reports, serviceAccount: reports}
                """));

        CliRun plan = pim("plan", "--cluster", "shop", "--output", "json");
        JsonNode planned = new ObjectMapper().readTree(plan.out());
        assertThat(StreamSupport.stream(planned.path("bindings").spliterator(), false).map(b -> b.path("serviceAccount").asText()))
                .containsExactly("web/frontend");
        assertThat(plan.out()).contains("batch/reports").contains("--include-service-account");

        assertThat(pim("migrate", "--cluster", "shop", "--approve").exitCode()).isZero();
        assertThat(pim("migrate", "--cluster", "shop", "--approve").exitCode()).isZero();
        assertThat(associations()).containsExactly("web/frontend=frontend");
    }

    @Test
    void rollingBackARunThenARestartingOneLeavesEveryPodOnAWorkingIrsaPath() {
        load(shop(exactTrust("cart", "shop/cart"), """
                - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart, replicas: 2}
                """));
        assertThat(pim("migrate", "--cluster", "shop", "--approve").exitCode()).isZero();
        assertThat(pim("migrate", "--cluster", "shop", "--approve", "--restart-workloads").exitCode()).isZero();
        assertThat(podCredentials("shop", "cart")).containsOnly("pod-identity");

        CliRun rollback = pim("rollback", "--cluster", "shop");

        assertThat(rollback.exitCode()).as(rollback.out() + rollback.err()).isZero();
        assertThat(associations()).isEmpty();
        assertThat(podCredentials("shop", "cart")).hasSize(2).containsOnly("irsa");
    }

    @Test
    void twoRolesNamingOneServiceAccountAreAConflictBeforeAnyWrite() throws Exception {
        load(shop(exactTrust("cart-a", "shop/cart") + "\n" + exactTrust("cart-b", "shop/cart"), """
                - {namespace: shop, name: cart}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart}
                """));

        JsonNode plan = new ObjectMapper().readTree(pim("plan", "--cluster", "shop", "--output", "json").out());
        assertThat(plan.path("bindings")).hasSize(2).allSatisfy(b -> assertThat(b.path("class").asText()).isEqualTo("conflict"));
        pim("migrate", "--cluster", "shop", "--approve");
        assertThat(associations()).isEmpty();
        assertThat(cloud.counters().count("iam:UpdateAssumeRolePolicy")).isZero();
    }

    @Test
    void aMigratedServiceAccountThatASecondRoleStillNamesStaysVerified() {
        load(shop(exactTrust("cart", "shop/cart") + "\n" + exactTrust("legacy-cart", "shop/cart"), """
                - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart}
                """));
        CliRun full = pim("migrate", "--cluster", "shop", "--approve", "--restart-workloads", "--remove-irsa-annotation",
                "--remove-oidc-trust");
        assertThat(full.exitCode()).as(full.out() + full.err()).isZero();

        CliRun again = pim("migrate", "--cluster", "shop", "--approve");
        CliRun verify = pim("verify", "--cluster", "shop");

        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(again.out()).doesNotContain("conflict");
        assertThat(verify.out()).contains("1 of 1 binding(s) verified");
    }

    @Test
    void aRunThatStopsAfterChangingTheClusterSaysWhichRunAndHowToUndoIt() {
        load(shop(exactTrust("cart", "shop/cart"), """
                - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart}
                """));
        cloud.faults().crashAfterMutatingCalls(2);

        CliRun crashed = pim("migrate", "--cluster", "shop", "--approve");

        assertThat(crashed.exitCode()).as(crashed.out() + crashed.err()).isEqualTo(4);
        Matcher run = Pattern.compile("run (\\d{8}T\\d{6}Z-\\w{4})").matcher(crashed.err() + crashed.out());
        assertThat(run.find()).as(crashed.err()).isTrue();
        assertThat(crashed.err() + crashed.out()).contains("./pim rollback --cluster shop --run " + run.group(1));
    }

    @Test
    void aClusterWithNothingToMigrateGetsNoAgent() {
        load(shop(exactTrust("cart", "shop/other"), """
                - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart}
                """));

        CliRun run = pim("migrate", "--cluster", "shop", "--approve");

        assertThat(run.exitCode()).isZero();
        assertThat(cloud.counters().count("eks:CreateAddon")).isZero();
        assertThat(run.out()).doesNotContain("0 of 0 binding(s) verified (clean)");
    }

    @Test
    void strippingTheOidcTrustKeepsAWildcardForTheServiceAccountsToComeUnlessTold() {
        String batch = shop("""
                - name: batch-jobs
                  irsa: [{cluster: shop, subjectPattern: "system:serviceaccount:batch:job-*"}]
                """, """
                - {namespace: batch, name: job-a, roleArn: "arn:aws:iam::111122223333:role/batch-jobs"}
                - {namespace: batch, name: job-b, roleArn: "arn:aws:iam::111122223333:role/batch-jobs"}
                """, """
                - {namespace: batch, name: job-a, serviceAccount: job-a}
                - {namespace: batch, name: job-b, serviceAccount: job-b}
                """);
        String[] full = {"migrate", "--cluster", "shop", "--approve", "--restart-workloads", "--remove-irsa-annotation",
                "--remove-oidc-trust"};
        load(batch);

        CliRun plan = pim("plan", "--cluster", "shop", "--remove-oidc-trust");
        CliRun run = pim(full);

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(plan.out()).contains("keeps the pattern system:serviceaccount:batch:job-*").contains("--remove-wildcard-oidc-trust");
        assertThat(trustOf("batch-jobs")).contains("system:serviceaccount:batch:job-*");

        load(batch);
        String[] told = java.util.Arrays.copyOf(full, full.length + 1);
        told[full.length] = "--remove-wildcard-oidc-trust";
        assertThat(pim(told).exitCode()).isZero();
        assertThat(trustOf("batch-jobs")).doesNotContain("system:serviceaccount:batch:job-*");
    }

    private String trustOf(String role) {
        return cloud.cloud().read(s -> s.account(ACCOUNT).role(role).orElseThrow().trustPolicy);
    }

    @Test
    void aDenyThatCanNeverMatchEksIsNotReportedAsBlockingPodIdentity() {
        load(shop("""
                - name: cart
                  trustPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"%s"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"%s:sub":"system:serviceaccount:shop:cart"}}},{"Effect":"Deny","Principal":"*","Action":"sts:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}'
                """.formatted(PROVIDER, ISSUER), """
                - {namespace: shop, name: cart, roleArn: "arn:aws:iam::111122223333:role/cart"}
                """, """
                - {namespace: shop, name: cart, serviceAccount: cart}
                """));

        CliRun plan = pim("plan", "--cluster", "shop");

        assertThat(plan.out()).doesNotContain("cannot use this role").doesNotContain("REFUSED");
        assertThat(pim("migrate", "--cluster", "shop", "--approve").exitCode()).isZero();
        assertThat(associations()).containsExactly("shop/cart=cart");
    }
}
