package dev.pim.local.iam;

import dev.pim.local.junit.LocalCloudExtension;
import dev.pim.local.state.RoleState;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamRoleApiTest {
    static final String DEMO_ACCOUNT = "111122223333";
    static final String SERVICE_TRUST = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Principal": {"Service": "pods.eks.amazonaws.com"},
                  "Action": ["sts:AssumeRole", "sts:TagSession"],
                  "Condition": {"StringEquals": {"aws:RequestTag/team": "payments and orders"}}
                }
              ]
            }
            """;

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void getRoleReturnsTheTrustPolicyUrlEncodedAsIamDoes() {
        String stored = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).role("payments-api").orElseThrow().trustPolicy);

        String returned = iam.getRole(r -> r.roleName("payments-api")).role().assumeRolePolicyDocument();

        assertThat(returned).startsWith("%7B").doesNotContain("{", "/", ":", "\"", "+")
                .contains("%2F", "%3A", "%22");
        assertThat(URLDecoder.decode(returned, StandardCharsets.UTF_8)).isEqualTo(stored);
    }

    @Test
    void createRoleKeepsTheSubmittedFormattingThroughTheRoundTrip() {
        Role created = iam.createRole(r -> r.roleName("formatted").assumeRolePolicyDocument(SERVICE_TRUST)).role();
        String returned = iam.getRole(r -> r.roleName("formatted")).role().assumeRolePolicyDocument();

        assertThat(created.assumeRolePolicyDocument()).isEqualTo(returned);
        assertThat(returned).contains("%0A%20%20%22Version%22", "payments%20and%20orders");
        assertThat(URLDecoder.decode(returned, StandardCharsets.UTF_8)).isEqualTo(SERVICE_TRUST);
    }

    @Test
    void createRoleAnswersTheNewRoleAndGetRoleShowsItsTagsSortedByKey() {
        Instant before = cloud.cloud().clock().now().truncatedTo(ChronoUnit.SECONDS);
        Role created = iam.createRole(r -> r.roleName("tagged").path("/team/").description("a team role")
                .maxSessionDuration(7200).assumeRolePolicyDocument(SERVICE_TRUST)
                .tags(Tag.builder().key("zone").value("b").build(), Tag.builder().key("Owner").value("me").build())).role();

        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + DEMO_ACCOUNT + ":role/team/tagged");
        assertThat(created.roleId()).startsWith("AROA").hasSize(21);
        assertThat(created.createDate()).isAfterOrEqualTo(before);
        Role fetched = iam.getRole(r -> r.roleName("tagged")).role();
        assertThat(fetched.path()).isEqualTo("/team/");
        assertThat(fetched.description()).isEqualTo("a team role");
        assertThat(fetched.maxSessionDuration()).isEqualTo(7200);
        assertThat(fetched.tags()).extracting(Tag::key).containsExactly("Owner", "zone");
        assertThat(fetched.roleLastUsed()).isNotNull();
    }

    @Test
    void listRolesPaginatorSeesEveryRoleWhenIamReturnsShortPages() {
        cloud.cloud().write(s -> s.behaviour.listRolesPageCap = 3);
        List<String> expected = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).rolesInListingOrder().stream()
                .map(role -> role.name).toList());

        List<ListRolesResponse> pages = iam.listRolesPaginator(r -> r.maxItems(10)).stream().toList();

        assertThat(pages).allSatisfy(page -> assertThat(page.roles()).hasSizeLessThanOrEqualTo(3));
        assertThat(pages).hasSize((expected.size() + 2) / 3);
        assertThat(pages.get(pages.size() - 1).isTruncated()).isFalse();
        assertThat(pages.stream().flatMap(p -> p.roles().stream()).map(Role::roleName)).containsExactlyElementsOf(expected);
    }

    @Test
    void listRolesResumesAfterTheRoleItsMarkerNamesIsDeleted() {
        ListRolesResponse first = iam.listRoles(r -> r.maxItems(2));
        List<String> all = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).rolesInListingOrder().stream()
                .map(role -> role.name).toList());
        cloud.cloud().write(s -> s.account(DEMO_ACCOUNT).removeRole(all.get(2)));

        ListRolesResponse second = iam.listRoles(r -> r.maxItems(2).marker(first.marker()));

        assertThat(first.isTruncated()).isTrue();
        assertThat(second.roles()).extracting(Role::roleName).containsExactly(all.get(3), all.get(4));
    }

    @Test
    void listRolesLeavesOutTagsAndLastUseAndFiltersByPathPrefix() {
        ListRolesResponse platform = iam.listRoles(r -> r.pathPrefix("/platform/"));

        assertThat(platform.roles()).extracting(Role::roleName).containsExactly("external-dns");
        assertThat(platform.isTruncated()).isFalse();
        Role paymentsApi = iam.listRoles().roles().stream().filter(r -> r.roleName().equals("payments-api")).findFirst().orElseThrow();
        assertThat(paymentsApi.hasTags()).isFalse();
        assertThat(paymentsApi.roleLastUsed()).isNull();
        assertThat(paymentsApi.assumeRolePolicyDocument()).startsWith("%7B");
    }

    @Test
    void listRolesRefusesAMarkerItDidNotIssue() {
        assertThatThrownBy(() -> iam.listRoles(r -> r.marker("not-a-marker")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Marker", "not-a-marker");
                });
    }

    @Test
    void listRolesRefusesMaxItemsOutsideOneToAThousand() {
        assertValidationError(() -> iam.listRoles(r -> r.maxItems(1001)), "maxItems");
    }

    @Test
    void getRoleOfAnUnknownRoleIsNoSuchEntity404() {
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("nope")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name nope cannot be found.");
                });
    }

    @Test
    void createRoleRefusesANameTakenInAnyCase() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("Payments-API").assumeRolePolicyDocument(SERVICE_TRUST)))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("Payments-API");
                });
    }

    @Test
    void missingOrMalformedRoleNameIsAValidationErrorNamingRoleName() {
        assertValidationError(() -> iam.getRole(r -> r.roleName(null)), "Value null at 'roleName'");
        assertValidationError(() -> iam.getRole(r -> r.roleName("has space")), "at 'roleName'");
        assertValidationError(() -> iam.getRole(r -> r.roleName("x".repeat(65))), "at 'roleName'");
    }

    @Test
    void deleteRoleRemovesItOnceItsPoliciesAreDetached() {
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("payments-api")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
                    assertThat(e.statusCode()).isEqualTo(409);
                });
        iam.detachRolePolicy(r -> r.roleName("payments-api").policyArn("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"));

        iam.deleteRole(r -> r.roleName("payments-api"));

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("payments-api"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void accountSummaryShowsRolesAndTheTrustPolicyQuota() {
        int roles = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).rolesInListingOrder().size());

        Map<SummaryKeyType, Integer> summary = iam.getAccountSummary().summaryMap();

        assertThat(summary).containsEntry(SummaryKeyType.ASSUME_ROLE_POLICY_SIZE_QUOTA, 2048)
                .containsEntry(SummaryKeyType.ROLES, roles)
                .containsEntry(SummaryKeyType.ROLES_QUOTA, 1000)
                .containsEntry(SummaryKeyType.PROVIDERS, 1)
                .doesNotContainKey(SummaryKeyType.UNKNOWN_TO_SDK_VERSION);
    }

    @Test
    void iamActsOnTheAccountOfTheSigningCredential() {
        RoleState role = cloud.cloud().read(s -> s.account(DEMO_ACCOUNT).role("pim-operator").orElseThrow());

        assertThat(iam.getRole(r -> r.roleName("pim-operator")).role().arn()).isEqualTo(role.arn());
    }

    static void assertValidationError(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: ").contains(messagePart);
        });
    }
}
