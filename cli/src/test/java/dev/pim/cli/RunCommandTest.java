package dev.pim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pim.cli.pipeline.ExecutionFollower;
import dev.pim.migration.plan.ExecutionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.pim.cli.Ran.pim;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code pim run}: the execution input its options make, its refusals (exit 2) and its exit codes. */
class RunCommandTest {

    @Test
    void aPlanRunSendsOnlyTheClusterAndRegion() throws Exception {
        RunCommand run = Ran.parsed("run", "-c", "payments", "-r", "eu-west-1");
        JsonNode input = Views.JSON.readTree(run.input());
        assertThat(input).isEqualTo(Views.JSON.readTree("{\"cluster\":\"payments\",\"region\":\"eu-west-1\"}"));
        assertThat(run.stateMachineArn).isNull();
        assertThat(run.name).isNull();
    }

    @Test
    void everyOptionBecomesItsFieldOfTheStateMachinesInput() throws Exception {
        RunCommand run = Ran.parsed("run", "-c", "payments", "--approve", "--restart-workloads", "--remove-irsa-annotation",
                "--remove-oidc-provider-trust-relationship", "--max-concurrency", "40", "--role-batch-size", "500",
                "--name", "payments-apply-1", "--state-machine-arn", "arn:aws:states:us-west-2:111122223333:stateMachine:x");
        assertThat(Views.JSON.readTree(run.input())).isEqualTo(Views.JSON.readTree("{\"cluster\":\"payments\",\"approve\":true,"
                + "\"restartWorkloads\":true,\"removeIrsaAnnotation\":true,\"removeOidcTrust\":true,\"maxConcurrency\":40,"
                + "\"roleBatchSize\":500}"));
        assertThat(run.name).isEqualTo("payments-apply-1");
        assertThat(run.stateMachineArn).endsWith(":stateMachine:x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--restart-workloads", "--remove-irsa-annotation", "--remove-oidc-trust"})
    void aChangingFlagWithoutApproveIsRefused(String flag) {
        Ran ran = pim("run", "-c", "payments", "-r", "us-west-2", flag);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim run: --restart-workloads, --remove-irsa-annotation and --remove-oidc-trust need --approve");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--max-concurrency=0|--max-concurrency must be within 1..40, got 0",
            "--max-concurrency=41|--max-concurrency must be within 1..40, got 41",
            "--role-batch-size=0|--role-batch-size must be within 1..500, got 0",
            "--role-batch-size=501|--role-batch-size must be within 1..500, got 501",
            "--endpoint-url=ftp://x|--endpoint-url: 'ftp://x' is not an http:// or https:// URL with a host"})
    void anOutOfRangeOrMalformedValueIsRefusedNamingTheOption(String option, String message) {
        Ran ran = pim("run", "-c", "payments", "-r", "us-west-2", "--approve", option);
        assertThat(ran.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(ran.err()).contains("pim run: " + message);
    }

    @Test
    void aClusterOrRegionOfTheWrongFormIsRefused() {
        Ran cluster = pim("run", "-c", "-payments", "-r", "us-west-2");
        assertThat(cluster.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(cluster.err()).contains("pim run: --cluster: '-payments' is not an EKS cluster name");
        Ran region = pim("run", "-c", "payments", "-r", "mars-1");
        assertThat(region.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(region.err()).contains("pim run: unknown region 'mars-1' (--region)");
    }

    @Test
    void theBatchRangeIsTheExecutionLimitsOne() {
        assertThat(pim("run", "-c", "p", "-r", "us-west-2", "--role-batch-size", String.valueOf(ExecutionLimits.MAX_BATCH + 1)).err())
                .contains(ExecutionLimits.MIN_BATCH + ".." + ExecutionLimits.MAX_BATCH);
    }

    @Test
    void anEndpointWhereNothingListensFailsWithExitOne() {
        String keyBefore = System.setProperty("aws.accessKeyId", "test");
        String secretBefore = System.setProperty("aws.secretAccessKey", "test");
        try {
            Ran ran = pim("run", "-c", "payments", "-r", "us-west-2", "--endpoint-url", Ran.closedEndpoint());
            assertThat(ran.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(ran.err()).startsWith("pim run: ");
        } finally {
            restore("aws.accessKeyId", keyBefore);
            restore("aws.secretAccessKey", secretBefore);
        }
    }

    @ParameterizedTest(name = "report {0}, execution {1} -> {2}")
    @CsvSource({"SUCCEEDED,SUCCEEDED,0", "PLANNED,SUCCEEDED,0", "SUCCEEDED,FAILED,1", "PARTIAL,SUCCEEDED,3",
            "FAILED,SUCCEEDED,1", "FAILED,FAILED,1", "NONE,TIMED_OUT,1"})
    void theExitCodeFollowsTheReportAndTheExecution(String reportStatus, String executionStatus, int code) {
        ExecutionFollower.Result result = new ExecutionFollower.Result("arn:aws:states:us-west-2:1:execution:m:e",
                executionStatus, "{}", null, null);
        assertThat(RunCommand.exitCode(reportStatus, result)).isEqualTo(code);
    }

    private static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }
}
