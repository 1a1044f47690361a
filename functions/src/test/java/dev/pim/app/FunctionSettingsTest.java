package dev.pim.app;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionSettingsTest {

    @Test
    void readsTheVariablesTheStackGivesAFunction() {
        FunctionSettings settings = FunctionSettings.fromVariables(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "JOURNAL_TABLE", "pim-journal",
                "DEFAULT_MAX_CONCURRENCY", "8", "RESULTS_QUEUE_URL", "https://sqs/results",
                "MIGRATION_QUEUE_URL", "https://sqs/migrations")::get);

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.journalTable()).isEqualTo("pim-journal");
        assertThat(settings.roleLeases()).isTrue();
        assertThat(settings.defaultMaxConcurrency()).isEqualTo(8);
        assertThat(settings.resultsQueueUrl()).isEqualTo("https://sqs/results");
        assertThat(settings.fleet().migrationQueueUrl()).isEqualTo("https://sqs/migrations");
    }

    @Test
    void onAwsTheEndpointIsAwsOwnAndBlankVariablesAreUnset() {
        FunctionSettings settings = FunctionSettings.fromVariables(Map.of("AWS_REGION", "us-west-2",
                "JOURNAL_TABLE", "pim-journal", "RESULTS_QUEUE_URL", " ", "CLUSTER_TAG", "")::get);

        assertThat(settings.endpoint()).isNull();
        assertThat(settings.resultsQueueUrl()).isNull();
        assertThat(settings.fleet().clusterTag()).isNull();
        assertThat(settings.defaultMaxConcurrency()).isEqualTo(4);
    }

    @Test
    void roleLeasesOffTurnsThemOff() {
        FunctionSettings settings = FunctionSettings.fromVariables(Map.of("AWS_REGION", "us-west-2",
                "JOURNAL_TABLE", "pim-journal", "ROLE_LEASES", "off")::get);

        assertThat(settings.roleLeases()).isFalse();
    }

    @Test
    void aFunctionWithoutItsRegionOrTableIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> FunctionSettings.fromVariables(Map.of("JOURNAL_TABLE", "t")::get))
                .hasMessage("AWS_REGION is not set");
        assertThatThrownBy(() -> FunctionSettings.fromVariables(Map.of("AWS_REGION", "us-west-2")::get))
                .hasMessageStartingWith("JOURNAL_TABLE is not set");
    }
}
