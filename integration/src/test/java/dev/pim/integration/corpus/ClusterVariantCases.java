package dev.pim.integration.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pim.integration.CliRun;
import dev.pim.local.LocalCloud;
import dev.pim.local.fixture.FixtureLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code annotations.yaml} and {@code trust-policies.yaml}: what a cluster already holds, rather than what a user
 * types. Each case is its file's base fixture with one value replaced (the {@code eks.amazonaws.com/role-arn}
 * annotation of one service account, or one role's trust policy, given as exact text), loaded into the local
 * cloud; then {@code pim plan --output json} must class the binding as expected without failing and without a
 * write, and, for a binding it classes broken, {@code pim migrate --approve} must not write either.
 */
final class ClusterVariantCases {
    static final String ROLE_ARN_ANNOTATION = "eks.amazonaws.com/role-arn";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalCloud cloud;
    private final Path temp;

    ClusterVariantCases(LocalCloud cloud, Path temp) {
        this.cloud = cloud;
        this.temp = temp;
    }

    /** The base fixture with the subject service account annotated with the case's {@code annotation}. */
    void annotation(BadInputCase c) throws IOException {
        ObjectNode fixture = annotated(c.required("base"), c.required("serviceAccount"), c.required("annotation"));
        check(c, fixture, b -> b.path("sources").toString().contains("ANNOTATION"));
    }

    /**
     * The base fixture with the subject annotated with the case's {@code role} and {@code annotations}, its workload's
     * pod template given {@code containers} and {@code podAnnotations}: the plan names the setting as expected, and a
     * case that needs acceptance is refused by an approved run without a write.
     */
    void webhookAnnotation(BadInputCase c) throws IOException {
        ObjectNode fixture = annotated(c.required("base"), c.required("serviceAccount"),
                "arn:aws:iam::111122223333:role/" + c.required("role"));
        ObjectNode annotations = (ObjectNode) serviceAccount(fixture, c.required("serviceAccount")).get("annotations");
        c.spec().path("annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
        ObjectNode workload = (ObjectNode) fixture.at("/accounts/0/regions/0/clusters/0/workloads/0");
        workload.putArray("containers").addAll(c.strings("containers").stream()
                .map(com.fasterxml.jackson.databind.node.TextNode::valueOf).toList());
        if (c.spec().has("podAnnotations")) {
            workload.set("podAnnotations", c.spec().get("podAnnotations"));
        }
        cloud.reset(FixtureLoader.parse(c.kind() + "/" + c.id() + ".yaml", yaml(fixture)));
        Path journal = Files.createDirectories(temp.resolve(c.id()));
        String cluster = fixture.at("/accounts/0/regions/0/clusters/0/name").asText();
        Untouched untouched = Untouched.now(cloud, Set.of());

        CliRun plan = pim(journal, "plan", "--cluster", cluster, "--output", "json");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        List<JsonNode> named = StreamSupport.stream(JSON.readTree(plan.out()).path("webhookSettings").spliterator(), false)
                .filter(s -> s.path("subject").asText().equals(c.expected("subject"))
                        && s.path("setting").asText().equals(c.expected("setting"))
                        && s.path("level").asText().equals(c.expected("level"))).toList();
        assertThat(named).as("webhookSettings of the plan:\n%s", plan.out()).isNotEmpty()
                .anySatisfy(s -> assertThat(s.path("consequence").asText()).contains(c.fragments("consequence")));
        untouched.assertUntouched();
        if (!c.fragments("refused").isEmpty()) {
            CliRun migrate = pim(journal, "migrate", "--cluster", cluster, "--approve", "--restart-workloads");
            assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isEqualTo(1);
            assertThat(migrate.err()).contains(c.fragments("refused"));
            untouched.assertUntouched();
        }
    }

    /** A base fixture of {@code bad-input/} with one service account's role-arn annotation set to {@code annotation}. */
    static ObjectNode annotated(String base, String serviceAccount, String annotation) throws IOException {
        ObjectNode fixture = base(base);
        serviceAccount(fixture, serviceAccount).putObject("annotations").put(ROLE_ARN_ANNOTATION, annotation);
        return fixture;
    }

    static String yaml(ObjectNode fixture) throws IOException {
        return YAML.writeValueAsString(fixture);
    }

    /** The base fixture with the case's {@code trustPolicy} text as the trust policy of {@code role}. */
    void trustPolicy(BadInputCase c) throws IOException {
        ObjectNode fixture = base(c.required("base"));
        String text = c.required("trustPolicy").replace("{provider}", c.required("provider")).replace("{issuer}", c.required("issuer"));
        StreamSupport.stream(fixture.at("/accounts/0/roles").spliterator(), false)
                .filter(r -> r.path("name").asText().equals(c.required("role"))).findFirst()
                .map(ObjectNode.class::cast).orElseThrow().<ObjectNode>without(List.of("irsa", "podIdentityTrust"))
                .put("trustPolicy", text);
        check(c, fixture, b -> true);
    }

    private void check(BadInputCase c, ObjectNode fixture, java.util.function.Predicate<JsonNode> binding) throws IOException {
        cloud.reset(FixtureLoader.parse(c.kind() + "/" + c.id() + ".yaml", yaml(fixture)));
        Path journal = Files.createDirectories(temp.resolve(c.id()));
        String cluster = fixture.at("/accounts/0/regions/0/clusters/0/name").asText();
        Untouched untouched = Untouched.now(cloud, Set.of());

        CliRun plan = pim(journal, "plan", "--cluster", cluster, "--output", "json");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        String serviceAccount = c.required("serviceAccount");
        List<JsonNode> bindings = StreamSupport.stream(JSON.readTree(plan.out()).path("bindings").spliterator(), false)
                .filter(b -> b.path("serviceAccount").asText().equals(serviceAccount)).filter(binding).toList();
        assertThat(bindings).as("the plan's bindings of %s:\n%s", serviceAccount, plan.out()).hasSize(1);
        JsonNode planned = bindings.get(0);
        assertThat(planned.path("class").asText()).as(planned.toString()).isEqualTo(c.expected("class"));
        assertThat(planned.path("reason").asText()).contains(c.fragments("reason"));
        if (!c.fragments("trustAfter").isEmpty() || !c.fragments("refusal").isEmpty()) {
            JsonNode role = StreamSupport.stream(JSON.readTree(plan.out()).path("roles").spliterator(), false)
                    .filter(r -> r.path("role").asText().endsWith(":role/" + c.required("role"))).findFirst().orElseThrow();
            if (c.fragments("refusal").isEmpty()) {
                assertThat(role.path("refusal").isNull()).as(role.toString()).isTrue();
            } else {
                assertThat(role.path("refusal").asText()).as(role.toString()).contains(c.fragments("refusal"));
            }
            assertThat(role.path("trustAfter").asText()).contains(c.fragments("trustAfter"));
            for (String absent : c.fragments("notNoted")) {
                assertThat(role.path("notes").toString()).as(role.toString()).doesNotContain(absent);
            }
        }
        untouched.assertUntouched();

        if (c.expected("class").equals("broken")) {
            CliRun migrate = pim(journal, "migrate", "--cluster", cluster, "--approve");
            String exit = c.expected("migrateExit") != null ? c.expected("migrateExit") : c.required("migrateExit");
            assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isEqualTo(Integer.parseInt(exit));
            untouched.assertUntouched();
        }
    }

    private CliRun pim(Path journal, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--region", "us-west-2", "--endpoint-url", cloud.endpoint().toString(),
                "--journal-dir", journal.toString(), "--no-progress"));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static ObjectNode base(String name) throws IOException {
        try (InputStream in = ClusterVariantCases.class.getResourceAsStream("/bad-input/" + name)) {
            return (ObjectNode) YAML.readTree(in);
        }
    }

    private static ObjectNode serviceAccount(ObjectNode fixture, String namespaceAndName) {
        for (JsonNode sa : fixture.at("/accounts/0/regions/0/clusters/0/serviceAccounts")) {
            if ((sa.path("namespace").asText() + "/" + sa.path("name").asText()).equals(namespaceAndName)) {
                return (ObjectNode) sa;
            }
        }
        throw new IllegalStateException("the base fixture has no service account " + namespaceAndName);
    }
}
