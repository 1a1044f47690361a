package dev.pim.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationRequestTest {

    private static MigrationRequest request(String requestId, String account, String region, String cluster) {
        return new MigrationRequest(requestId, account, region, cluster, null, true, null, null, null, null);
    }

    @Test
    void theExecutionNameIsTheSameForEveryCopyOfAMessage() {
        MigrationRequest a = request("scan-1", "111122223333", "us-west-2", "payments");
        MigrationRequest b = request("scan-1", "111122223333", "us-west-2", "payments");
        assertThat(a.executionName()).isEqualTo(b.executionName()).startsWith("pim-payments-").hasSize(4 + 8 + 1 + 16);
    }

    @Test
    void theExecutionNameDiffersByAccountRegionClusterAndRequest() {
        String base = request("scan-1", "111122223333", "us-west-2", "payments").executionName();
        assertThat(request("scan-2", "111122223333", "us-west-2", "payments").executionName()).isNotEqualTo(base);
        assertThat(request("scan-1", "222233334444", "us-west-2", "payments").executionName()).isNotEqualTo(base);
        assertThat(request("scan-1", "111122223333", "eu-west-1", "payments").executionName()).isNotEqualTo(base);
    }

    @Test
    void theExecutionNameFitsStepFunctionsRules() {
        String name = request("r", "111122223333", "us-west-2", "a".repeat(100)).executionName();
        assertThat(name).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void missingOrInvalidFieldsAreNamed() {
        assertThatThrownBy(() -> request(null, "111122223333", "us-west-2", "c").validated()).hasMessage("field 'requestId' is required");
        assertThatThrownBy(() -> request("r", "111122223333", "us-west-2", " ").validated()).hasMessage("field 'cluster' is required");
        assertThatThrownBy(() -> request("r", "1111", "us-west-2", "c").validated())
                .hasMessage("field 'accountId': '1111' is not a 12-digit account id");
    }
}
