package dev.pim.migration.trust;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs every case of the trust-policy corpus through parsing, rendering and both edits. */
class TrustPolicyCorpusTest {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(TrustPolicyCorpusTest.class.getResource("/trust-corpus")).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> cases = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            return cases.stream().map(f -> Arguments.of(f.getFileName().toString(), read(f)));
        }
    }

    private static CorpusCase read(Path file) {
        try {
            return YAML.readValue(file.toFile(), CorpusCase.class);
        } catch (IOException e) {
            throw new IllegalStateException("corpus file " + file + " is malformed", e);
        }
    }

    @Test
    void corpusHoldsAtLeastFortyCases() throws Exception {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusCase(String file, CorpusCase c) {
        assertThat(c.description()).as("description").isNotBlank();
        if (c.parseError() != null) {
            assertThatThrownBy(() -> TrustPolicy.parse(c.roleArn(), c.json()))
                    .isInstanceOf(TrustPolicyException.class)
                    .hasMessageStartingWith("role " + c.roleArn() + ": ")
                    .hasMessageContaining(c.parseError());
            return;
        }
        assertThat(c.ensurePodIdentity() != null || c.removeOidc() != null || c.render() != null)
                .as("case expects something").isTrue();
        TrustPolicy policy = TrustPolicy.parse(c.roleArn(), c.json());
        assertRendersStably(c, policy);
        if (c.ensurePodIdentity() != null) {
            checkEnsure(c, policy);
        }
        if (c.removeOidc() != null) {
            checkRemoval(c, policy);
        }
        if (c.grants() != null) {
            List<String> grants = policy.subjectsGrantedTo(c.grants().provider()).stream()
                    .map(g -> g.statement() + " | " + g.operator().orElse("-") + " | " + g.subject()).toList();
            assertThat(grants).as("grants").containsExactlyElementsOf(c.grants().expect());
        }
    }

    private static void assertRendersStably(CorpusCase c, TrustPolicy policy) {
        String rendered = policy.render();
        if (c.render() != null) {
            assertThat(rendered).as("render").isEqualTo(c.render().strip());
        }
        assertThat(TrustPolicy.parse(c.roleArn(), rendered).render()).as("render is a fixed point").isEqualTo(rendered);
        assertThat(policy.size()).isEqualTo(rendered.codePointCount(0, rendered.length()));
    }

    private static void checkEnsure(CorpusCase c, TrustPolicy policy) {
        CorpusCase.Ensure expected = c.ensurePodIdentity();
        TrustEdit edit = policy.ensurePodIdentity();
        assertPolicy(edit, policy, expected.expect());
        assertNotes(edit.notes(), expected.notes());
        if (expected.size() != null) {
            assertThat(edit.policy().size()).as("size").isEqualTo(expected.size());
        }
        if (expected.quota() != null) {
            assertThat(edit.charactersOver(expected.quota().quota())).as("characters over").isEqualTo(expected.quota().over());
            assertThat(edit.fitsQuota(expected.quota().quota())).isEqualTo(expected.quota().over() == 0);
        }
        TrustEdit again = edit.policy().ensurePodIdentity();
        assertThat(again.changed()).as("ensurePodIdentity is idempotent").isFalse();
    }

    private static void checkRemoval(CorpusCase c, TrustPolicy policy) {
        CorpusCase.Removal expected = c.removeOidc();
        TrustEdit edit = policy.removeOidcSubjects(expected.provider(), expected.subjects());
        if (expected.refusal() != null) {
            assertThat(edit.refused()).as("refused").isTrue();
            assertThat(edit.refusal()).get().asString().contains(expected.refusal());
            assertThat(edit.changed()).isFalse();
            assertThat(edit.policy()).isSameAs(policy);
        } else {
            assertThat(edit.refusal()).as("refusal").isEmpty();
            assertPolicy(edit, policy, expected.expect());
            TrustEdit again = edit.policy().removeOidcSubjects(expected.provider(), expected.subjects());
            assertThat(again.changed()).as("removal is idempotent").isFalse();
        }
        assertNotes(edit.notes(), expected.notes());
    }

    private static void assertPolicy(TrustEdit edit, TrustPolicy original, String expect) {
        assertThat(expect).as("expected policy or 'unchanged'").isNotNull();
        if (expect.strip().equals(CorpusCase.UNCHANGED)) {
            assertThat(edit.changed()).as("changed").isFalse();
            assertThat(edit.policy().render()).isEqualTo(original.render());
        } else {
            assertThat(edit.changed()).as("changed").isTrue();
            assertThat(edit.policy().render()).isEqualTo(expect.strip());
        }
    }

    /** Notes match one to one, in order, each containing its expected fragment. */
    private static void assertNotes(List<String> actual, List<String> expected) {
        List<String> fragments = expected == null ? List.of() : expected;
        assertThat(actual).as("notes %s", actual).hasSameSizeAs(fragments);
        for (int i = 0; i < fragments.size(); i++) {
            assertThat(actual.get(i)).as("note %d", i + 1).contains(fragments.get(i));
        }
    }
}
