package dev.pim.local.iam;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inline role policies and permissions boundaries, through the real SDK client, as IAM's model answers them. */
class IamInlinePoliciesAndBoundaryTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
    private static final String S3_READ = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void anInlinePolicyIsStoredListedReadBackUrlEncodedAndDeleted() {
        iam.createRole(r -> r.roleName("inline-a").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("inline-a").policyName("Read").policyDocument(S3_READ));
        iam.putRolePolicy(r -> r.roleName("inline-a").policyName("Another").policyDocument(S3_READ));

        assertThat(iam.listRolePolicies(r -> r.roleName("inline-a")).policyNames()).containsExactly("Another", "Read");
        var got = iam.getRolePolicy(r -> r.roleName("inline-a").policyName("Read"));
        assertThat(URLDecoder.decode(got.policyDocument(), StandardCharsets.UTF_8)).isEqualTo(S3_READ);
        assertThat(got.roleName()).isEqualTo("inline-a");

        iam.deleteRolePolicy(r -> r.roleName("inline-a").policyName("Read"));
        assertThat(iam.listRolePolicies(r -> r.roleName("inline-a")).policyNames()).containsExactly("Another");
        assertThatThrownBy(() -> iam.deleteRolePolicy(r -> r.roleName("inline-a").policyName("Read")))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The role policy with name Read cannot be found."));
    }

    @Test
    void aRoleWithInlinePoliciesCannotBeDeletedUntilTheyAre() {
        iam.createRole(r -> r.roleName("inline-b").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("inline-b").policyName("Read").policyDocument(S3_READ));

        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("inline-b")))
                .isInstanceOfSatisfying(DeleteConflictException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Cannot delete entity, must delete policies first."));
        iam.deleteRolePolicy(r -> r.roleName("inline-b").policyName("Read"));
        iam.deleteRole(r -> r.roleName("inline-b"));
        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("inline-b"))).isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void aDocumentThatIsNotAPolicyOrOverTheRolesQuotaIsRefused() {
        iam.createRole(r -> r.roleName("inline-c").assumeRolePolicyDocument(TRUST));
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("inline-c").policyName("Bad").policyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        String actions = IntStream.range(0, 700).mapToObj(i -> "\"s3:GetObject" + i + "\"").collect(Collectors.joining(","));
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions
                + "],\"Resource\":\"*\"}]}";
        assertThatThrownBy(() -> iam.putRolePolicy(r -> r.roleName("inline-c").policyName("Big").policyDocument(big)))
                .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Maximum policy size of 10240 bytes exceeded for role inline-c"));
        assertThat(iam.listRolePolicies(r -> r.roleName("inline-c")).policyNames()).isEmpty();
    }

    @Test
    void aPermissionsBoundaryGivenAtCreationIsShownByGetRoleButNotByListRoles() {
        String boundary = "arn:aws:iam::111122223333:policy/boundary";
        iam.createRole(r -> r.roleName("bounded").assumeRolePolicyDocument(TRUST).permissionsBoundary(boundary));

        var role = iam.getRole(r -> r.roleName("bounded")).role();
        assertThat(role.permissionsBoundary().permissionsBoundaryArn()).isEqualTo(boundary);
        assertThat(role.permissionsBoundary().permissionsBoundaryType())
                .isEqualTo(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY);
        assertThat(iam.listRoles().roles()).filteredOn(r -> r.roleName().equals("bounded"))
                .singleElement().satisfies(r -> assertThat(r.permissionsBoundary()).isNull());
    }
}
