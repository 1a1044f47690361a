package dev.pim.local.sts;

import dev.pim.local.fixture.Fixture;
import dev.pim.local.fixture.FixtureLoader;
import dev.pim.local.iam.AwsClients;
import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StsApiTest {
    static final String DEMO_ACCOUNT = "111122223333";
    static final String DEMO_SESSION = "arn:aws:sts::111122223333:assumed-role/pim-operator/test";
    /** Two accounts: a root key in the first, a role in the second that trusts the first account's deployer. */
    static final Fixture CROSS_ACCOUNT = FixtureLoader.parse("cross-account.yaml", """
            accounts:
              - id: "111111111111"
                credentials: [{accessKeyId: root-key, secretAccessKey: root-secret}]
                roles:
                  - name: deployer
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:root"}, Action: sts:AssumeRole}]}
              - id: "222222222222"
                roles:
                  - name: target
                    trustPolicy: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::111111111111:role/deployer"}, Action: [sts:AssumeRole, sts:TagSession]}]}
            """);

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @Test
    void getCallerIdentityDescribesTheSigningCredential() {
        String roleId = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).role("pim-operator").orElseThrow().roleId);

        GetCallerIdentityResponse identity = AwsClients.sts(cloud).getCallerIdentity();

        assertThat(identity.arn()).isEqualTo(DEMO_SESSION);
        assertThat(identity.account()).isEqualTo(DEMO_ACCOUNT);
        assertThat(identity.userId()).isEqualTo(roleId + ":test");
    }

    @Test
    void assumeRoleIssuesCredentialsThatActAsTheRoleSession() {
        String roleArn = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/pim-operator";
        Instant before = cloud.cloud().clock().now();

        AssumeRoleResponse assumed = AwsClients.sts(cloud)
                .assumeRole(r -> r.roleArn(roleArn).roleSessionName("migration-1").durationSeconds(900));

        String session = "arn:aws:sts::" + DEMO_ACCOUNT + ":assumed-role/pim-operator/migration-1";
        assertThat(assumed.assumedRoleUser().arn()).isEqualTo(session);
        assertThat(assumed.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":migration-1");
        assertThat(assumed.credentials().accessKeyId()).startsWith("ASIA");
        assertThat(assumed.credentials().sessionToken()).isNotBlank();
        assertThat(assumed.credentials().expiration()).isBetween(before.plusSeconds(899), before.plusSeconds(902));
        GetCallerIdentityResponse identity = AwsClients.sts(cloud, assumed.credentials()).getCallerIdentity();
        assertThat(identity.arn()).isEqualTo(session);
        assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
        Credential registered = cloud.cloud().read(s -> s.credentials.get(assumed.credentials().accessKeyId()));
        assertThat(registered.roleArn()).isEqualTo(roleArn);
        assertThat(registered.accountId()).isEqualTo(DEMO_ACCOUNT);
    }

    @Test
    void issuedCredentialsExpireOnTheEmulatorsClock() {
        AssumeRoleResponse assumed = AwsClients.sts(cloud).assumeRole(r -> r
                .roleArn("arn:aws:iam::" + DEMO_ACCOUNT + ":role/pim-operator").roleSessionName("short").durationSeconds(900));
        cloud.cloud().clock().advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> AwsClients.sts(cloud, assumed.credentials()).getCallerIdentity())
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
    }

    @Test
    void aRoleWhoseTrustPolicyDoesNotNameTheCallerIsAccessDenied() {
        String roleArn = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/payments-api";

        assertAccessDenied(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")),
                "User: " + DEMO_SESSION + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    @Test
    void aRoleThatDoesNotExistIsAccessDeniedLikeAnUntrustedOne() {
        String roleArn = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/never-created";

        assertAccessDenied(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn).roleSessionName("s1")),
                "sts:AssumeRole on resource: " + roleArn);
    }

    @Test
    void sessionTagsNeedTheTrustPolicyToAllowTagSession() {
        String roleArn = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/pim-operator";

        assertAccessDenied(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn).roleSessionName("tagged")
                .tags(t -> t.key("team").value("payments"))), "sts:TagSession on resource: " + roleArn);
    }

    @Test
    void aRoleInAnotherAccountCanBeAssumedThroughTheRoleItTrusts() {
        cloud.cloud().reset(CROSS_ACCOUNT);
        StsClient root = AwsClients.sts(cloud, AwsBasicCredentials.create("root-key", "root-secret"));
        AssumeRoleResponse deployer = root.assumeRole(r -> r.roleArn("arn:aws:iam::111111111111:role/deployer").roleSessionName("ci"));

        AssumeRoleResponse target = AwsClients.sts(cloud, deployer.credentials()).assumeRole(r -> r
                .roleArn("arn:aws:iam::222222222222:role/target").roleSessionName("deploy").tags(t -> t.key("run").value("42")));

        GetCallerIdentityResponse identity = AwsClients.sts(cloud, target.credentials()).getCallerIdentity();
        assertThat(identity.account()).isEqualTo("222222222222");
        assertThat(identity.arn()).isEqualTo("arn:aws:sts::222222222222:assumed-role/target/deploy");
        assertAccessDenied(() -> root.assumeRole(r -> r.roleArn("arn:aws:iam::222222222222:role/target").roleSessionName("direct")),
                "User: arn:aws:iam::111111111111:root is not authorized");
    }

    @Test
    void sessionDurationIsBoundedByTheRoleAndByRoleChaining() {
        cloud.cloud().reset(CROSS_ACCOUNT);
        StsClient root = AwsClients.sts(cloud, AwsBasicCredentials.create("root-key", "root-secret"));
        String deployer = "arn:aws:iam::111111111111:role/deployer";

        assertValidationError(() -> root.assumeRole(r -> r.roleArn(deployer).roleSessionName("s1").durationSeconds(100)),
                "at 'durationSeconds'");
        assertValidationError(() -> root.assumeRole(r -> r.roleArn(deployer).roleSessionName("s1").durationSeconds(7200)),
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        cloud.cloud().write(s -> s.account("111111111111").role("deployer").orElseThrow().maxSessionDuration = 7200);
        AssumeRoleResponse longSession = root.assumeRole(r -> r.roleArn(deployer).roleSessionName("s1").durationSeconds(7200));
        assertValidationError(() -> AwsClients.sts(cloud, longSession.credentials()).assumeRole(r -> r
                        .roleArn(deployer).roleSessionName("s2").durationSeconds(7200)),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
    }

    @Test
    void aSessionNameOutsideItsConstraintsIsAValidationErrorNamingIt() {
        String roleArn = "arn:aws:iam::" + DEMO_ACCOUNT + ":role/pim-operator";

        assertValidationError(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn).roleSessionName("x")),
                "at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
        assertValidationError(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn).roleSessionName("has space")),
                "at 'roleSessionName'");
        assertValidationError(() -> AwsClients.sts(cloud).assumeRole(r -> r.roleArn(roleArn)),
                "Value null at 'roleSessionName'");
    }

    static void assertAccessDenied(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    static void assertValidationError(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }
}
