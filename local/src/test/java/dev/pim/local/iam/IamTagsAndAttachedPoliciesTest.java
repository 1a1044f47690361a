package dev.pim.local.iam;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class IamTagsAndAttachedPoliciesTest {

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void taggingAKeyInAnotherCaseReplacesTheTagAndKeepsTheNewSpelling() {
        iam.tagRole(r -> r.roleName("payments-api").tags(tag("Team", "platform"), tag("cost-center", "42")));

        assertThat(iam.listRoleTags(r -> r.roleName("payments-api")).tags())
                .extracting(Tag::key, Tag::value)
                .containsExactly(tuple("cost-center", "42"), tuple("Team", "platform"));
    }

    @Test
    void untagRoleRemovesKeysRegardlessOfCase() {
        iam.untagRole(r -> r.roleName("payments-api").tagKeys("TEAM", "absent"));

        assertThat(iam.getRole(r -> r.roleName("payments-api")).role().hasTags()).isFalse();
    }

    @Test
    void listRoleTagsPagesThroughEveryTag() {
        iam.tagRole(r -> r.roleName("search").tags(IntStream.rangeClosed(1, 7).mapToObj(i -> tag("k" + i, "v")).toList()));

        List<ListRoleTagsResponse> pages = iam.listRoleTagsPaginator(r -> r.roleName("search").maxItems(3)).stream().toList();

        assertThat(pages).hasSize(3).allSatisfy(page -> assertThat(page.tags()).hasSizeLessThanOrEqualTo(3));
        assertThat(pages.stream().flatMap(page -> page.tags().stream()).map(Tag::key))
                .containsExactly("k1", "k2", "k3", "k4", "k5", "k6", "k7");
        ListRoleTagsResponse last = iam.listRoleTags(r -> r.roleName("search").maxItems(7));
        assertThat(last.isTruncated()).isFalse();
    }

    @Test
    void aRoleHoldsAtMostFiftyTags() {
        iam.tagRole(r -> r.roleName("search").tags(IntStream.rangeClosed(1, 30).mapToObj(i -> tag("a" + i, "v")).toList()));

        assertThatThrownBy(() -> iam.tagRole(r -> r.roleName("search")
                .tags(IntStream.rangeClosed(1, 21).mapToObj(i -> tag("b" + i, "v")).toList())))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for TagsPerRole: 50");
                });
        iam.tagRole(r -> r.roleName("search").tags(IntStream.rangeClosed(1, 20).mapToObj(i -> tag("b" + i, "v")).toList()));
        assertThat(iam.listRoleTags(r -> r.roleName("search").maxItems(100)).tags()).hasSize(50);
    }

    @Test
    void tagRulesAreCheckedAsIamChecksThem() {
        assertThatThrownBy(() -> iam.tagRole(r -> r.roleName("search").tags(tag("dup", "1"), tag("DUP", "2"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Duplicate tag keys found. Please note that Tag keys are case insensitive."));
        IamRoleApiTest.assertValidationError(() -> iam.tagRole(r -> r.roleName("search").tags(tag("k".repeat(129), "v"))),
                "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
        IamRoleApiTest.assertValidationError(() -> iam.tagRole(r -> r.roleName("search").tags(tag("k", "v".repeat(257)))),
                "at 'tags.1.member.value'");
        IamRoleApiTest.assertValidationError(() -> iam.tagRole(r -> r.roleName("search").tags(tag("bad#key", "v"))),
                "Member must satisfy regular expression pattern");
        IamRoleApiTest.assertValidationError(() -> iam.tagRole(r -> r.roleName("search")
                .tags(IntStream.rangeClosed(1, 51).mapToObj(i -> tag("c" + i, "v")).toList())), "at 'tags'");
    }

    @Test
    void attachedPoliciesAreListedAndDetachedByArn() {
        String cni = "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy";
        iam.attachRolePolicy(r -> r.roleName("payments-api").policyArn(cni));
        iam.attachRolePolicy(r -> r.roleName("payments-api").policyArn(cni));

        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("payments-api")).attachedPolicies())
                .extracting(AttachedPolicy::policyName)
                .containsExactly("AmazonDynamoDBReadOnlyAccess", "AmazonEKS_CNI_Policy");
        iam.detachRolePolicy(r -> r.roleName("payments-api").policyArn(cni));
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("payments-api")).attachedPolicies()).hasSize(1);
    }

    @Test
    void listAttachedRolePoliciesFiltersByPolicyPath() {
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("demo-ebs-csi").pathPrefix("/service-role/")).attachedPolicies())
                .extracting(AttachedPolicy::policyArn)
                .containsExactly("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy");
        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("demo-vpc-cni").pathPrefix("/service-role/")).attachedPolicies())
                .isEmpty();
    }

    @Test
    void policyErrorsNameThePolicy() {
        String notAttached = "arn:aws:iam::aws:policy/AdministratorAccess";
        assertThatThrownBy(() -> iam.detachRolePolicy(r -> r.roleName("search").policyArn(notAttached)))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains(notAttached));
        assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("search").policyArn("arn:aws:s3:::not-a-policy")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("ARN arn:aws:s3:::not-a-policy is not valid."));
    }

    @Test
    void aRoleHoldsAtMostTenManagedPolicies() {
        for (int i = 1; i <= 10; i++) {
            String arn = "arn:aws:iam::111122223333:policy/p" + i;
            iam.attachRolePolicy(r -> r.roleName("search").policyArn(arn));
        }

        assertThatThrownBy(() -> iam.attachRolePolicy(r -> r.roleName("search").policyArn("arn:aws:iam::111122223333:policy/p11")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot exceed quota for PoliciesPerRole: 10");
                });
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }
}
