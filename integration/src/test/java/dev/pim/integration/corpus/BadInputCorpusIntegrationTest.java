package dev.pim.integration.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pim.integration.CliRun;
import dev.pim.integration.TestCredentials;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/}, one file per kind of input): each case is fed
 * through the path a user's input takes (the CLI, the state machine, the queue, the Lambda API, the fixture
 * loader, a cluster's service accounts and roles), and must be refused or classed with a message naming the
 * input, the field and the reason, and leave every role, association, annotation and pod as it was.
 */
@ExtendWith(TestCredentials.class)
class BadInputCorpusIntegrationTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> badCommandLinesAreRefusedNamingTheFlag() {
        return BadInputCase.tests("cli-flags", new CommandLineCases(cloud.cloud(), temp)::run);
    }

    @TestFactory
    Stream<DynamicTest> badExecutionInputsFailTheFirstStateNamingTheField() {
        return BadInputCase.tests("execution-inputs", new ExecutionInputCases(cloud.cloud())::run);
    }

    @TestFactory
    Stream<DynamicTest> badQueueMessagesEndInTheDeadLetterQueueWithTheirReasonLogged() {
        return BadInputCase.tests("sqs-messages", new QueueMessageCases(cloud.cloud())::run);
    }

    @TestFactory
    Stream<DynamicTest> badLambdaEventsAreFunctionErrorsNamingTheField() {
        return BadInputCase.tests("lambda-events", new HandlerEventCases(cloud.cloud())::run);
    }

    @TestFactory
    Stream<DynamicTest> badFixturesFailAtLoadNamingTheFileAndThePath() {
        return BadInputCase.tests("fixtures", new FixtureCases(cloud.cloud(), temp)::run);
    }

    @TestFactory
    Stream<DynamicTest> badAnnotationsAreClassedAndNeverWrittenFor() {
        return BadInputCase.tests("annotations", new ClusterVariantCases(cloud.cloud(), temp)::annotation);
    }

    @TestFactory
    Stream<DynamicTest> webhookAnnotationsTheWebhookCannotUseAreNamedAndSkippedContainersRefused() {
        return BadInputCase.tests("webhook-annotations", new ClusterVariantCases(cloud.cloud(), temp)::webhookAnnotation);
    }

    @TestFactory
    Stream<DynamicTest> oddButLegalTrustPoliciesArePlannedWithoutAWrite() {
        return BadInputCase.tests("trust-policies", new ClusterVariantCases(cloud.cloud(), temp)::trustPolicy);
    }

    /** The corpus's check can fail: the annotation base with a well-formed annotation is migrated, and it sees that. */
    @Test
    void theUntouchedCheckSeesTheWritesOfAWellFormedAnnotationsMigration() throws Exception {
        ObjectNode fixture = ClusterVariantCases.annotated("annotations-base.yaml", "apps/subject",
                "arn:aws:iam::111122223333:role/apps-api");
        cloud.cloud().reset(FixtureLoader.parse("control.yaml", ClusterVariantCases.yaml(fixture)));
        Untouched untouched = Untouched.now(cloud.cloud(), Set.of());

        CliRun migrate = CliRun.against(cloud, temp, "migrate", "--cluster", "annotated", "--approve");

        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        assertThatThrownBy(untouched::assertUntouched).isInstanceOf(AssertionError.class)
                .hasMessageContaining("eks:CreatePodIdentityAssociation").hasMessageContaining("iam:UpdateAssumeRolePolicy");
    }
}
