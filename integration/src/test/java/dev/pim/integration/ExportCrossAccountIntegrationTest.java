package dev.pim.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pim export} of an association that chains through a bridge role into another account's role: the target
 * role is exported, and the other account's trust is named as not read, since it cannot be from the cluster's account.
 */
@ExtendWith(TestCredentials.class)
class ExportCrossAccountIntegrationTest {
    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("scenario-cross-account-role");

    @TempDir
    Path dir;

    @Test
    void theTargetRoleIsExportedAndTheForeignTrustNamedAsNotRead() throws Exception {
        cloud.cloud().write(s -> s.behaviour.addonSettleTime = Duration.ofMillis(100));
        CliRun migrate = CliRun.against(cloud, dir, "migrate", "--cluster", "apps", "--approve",
                "--cross-account-bridge-role", "pod-identity-bridge");
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();

        CliRun export = CliRun.of("export", "--cluster", "apps", "--format", "eksctl", "--region", "us-west-2",
                "--endpoint-url", cloud.endpoint().toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode reader = null;
        for (JsonNode a : new YAMLMapper().readTree(export.out()).at("/iam/podIdentityAssociations")) {
            if (a.get("serviceAccountName").asText().equals("reader")) {
                reader = a;
            }
        }
        assertThat(reader).isNotNull();
        assertThat(reader.get("roleARN").asText()).isEqualTo("arn:aws:iam::111122223333:role/pod-identity-bridge");
        assertThat(reader.get("targetRoleARN").asText()).isEqualTo("arn:aws:iam::444455556666:role/data-reader");
        assertThat(export.out()).contains("# not exported: arn:aws:iam::444455556666:role/data-reader: in account 444455556666")
                .contains("# trust policy of role arn:aws:iam::111122223333:role/pod-identity-bridge:");
    }
}
