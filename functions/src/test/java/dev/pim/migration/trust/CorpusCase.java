package dev.pim.migration.trust;

import java.util.List;

/**
 * One file of {@code src/test/resources/trust-corpus/} (format described in the README there).
 *
 * @param inputEncoding {@code json} (default) or {@code iam} (URL-encoded, as GetRole returns it)
 */
record CorpusCase(
        String description,
        String role,
        String input,
        String inputEncoding,
        String parseError,
        String render,
        Ensure ensurePodIdentity,
        Removal removeOidc,
        Grants grants) {

    static final String UNCHANGED = "unchanged";
    static final String DEFAULT_ROLE = "arn:aws:iam::111122223333:role/corpus-role";

    String roleArn() {
        return role == null ? DEFAULT_ROLE : role;
    }

    String json() {
        return "iam".equals(inputEncoding) ? TrustPolicy.decodeIam(input) : input;
    }

    /** Expected result of {@code ensurePodIdentity()}: a minified policy or "unchanged", and the notes. */
    record Ensure(String expect, List<String> notes, Integer size, Quota quota) {
    }

    /** Expected result of {@code removeOidcSubjects(provider, subjects)}: policy, "unchanged" or a refusal. */
    record Removal(String provider, List<String> subjects, String expect, String refusal, List<String> notes) {
    }

    /** Expected {@code subjectsGrantedTo(provider)}, each written "statement N | operator | subject". */
    record Grants(String provider, List<String> expect) {
    }

    /** {@code charactersOver(quota)} of the edited policy. */
    record Quota(int quota, int over) {
    }
}
