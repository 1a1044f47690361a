package dev.pim.migration.association;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same rules for flags as for files, with errors naming the flag. */
class AssociationRulesTest {

    private static AssociationRequest flags(RawAssociation raw, Purpose purpose) {
        return AssociationRules.check(raw, purpose, "aws", FieldLabels.flags());
    }

    private static RawAssociation raw(String roleArn, List<String> policies, List<String> wellKnown) {
        return new RawAssociation("default", "s3-reader", roleArn, null, policies, null, wellKnown, null, Map.of());
    }

    @Test
    void flagErrorsNameTheFlag() {
        assertThatThrownBy(() -> flags(raw("arn:aws:iam::111122223333:role/a", List.of("arn:aws:iam::aws:policy/P"),
                null), Purpose.CREATE)).hasMessageStartingWith("--permission-policy-arns: cannot be used together with roleARN");
        assertThatThrownBy(() -> flags(raw(null, null, List.of("autoScaler", "karpenter")), Purpose.CREATE))
                .hasMessageStartingWith("--well-known-policies: 'karpenter' is not a well-known policy");
        assertThatThrownBy(() -> flags(new RawAssociation(null, "s3-reader", "arn:aws:iam::111122223333:role/a", null,
                null, null, null, null, null), Purpose.CREATE)).hasMessage("--namespace: is required");
        assertThatThrownBy(() -> flags(raw("arn:aws:s3:::bucket", null, null), Purpose.UPDATE))
                .hasMessageStartingWith("--role-arn: 'arn:aws:s3:::bucket' is not a usable IAM role ARN");
    }

    @Test
    void kubernetesAndIamNameRulesAreCheckedBeforeAnyCall() {
        assertThatThrownBy(() -> flags(new RawAssociation("Default", "s3-reader", "arn:aws:iam::111122223333:role/a",
                null, null, null, null, null, null), Purpose.CREATE))
                .hasMessageStartingWith("--namespace: 'Default' is not a Kubernetes namespace name");
        assertThatThrownBy(() -> flags(new RawAssociation("default", "s3-reader", null, "has space",
                List.of("arn:aws:iam::aws:policy/P"), null, null, null, null), Purpose.CREATE))
                .hasMessageStartingWith("--role-name: 'has space' is not an IAM role name");
        assertThatThrownBy(() -> flags(new RawAssociation("default", "s3-reader", null, null,
                List.of("arn:aws:iam::aws:policy/P"), null, null, null, Map.of("aws:owner", "x")), Purpose.CREATE))
                .hasMessageStartingWith("--tags: 'aws:owner' is not a tag key");
    }

    @Test
    void roleNameAndBoundaryOnlyGoWithARoleToCreate() {
        assertThatThrownBy(() -> flags(new RawAssociation("default", "s3-reader", "arn:aws:iam::111122223333:role/a",
                "mine", null, null, null, null, null), Purpose.CREATE))
                .hasMessageStartingWith("--role-name: applies only to a role pim creates");
    }

    @Test
    void aValidRequestKeepsWhatWasGivenInTheClustersPartition() {
        AssociationRequest request = AssociationRules.check(new RawAssociation("default", "s3-reader", null, null,
                        List.of("arn:aws-us-gov:iam::aws:policy/P"), null, List.of("autoScaler", "autoScaler"),
                        "arn:aws-us-gov:iam::111122223333:policy/boundary", Map.of("team", "data")),
                Purpose.CREATE, Partition.ofRegion("us-gov-west-1"), FieldLabels.flags());

        assertThat(request.wellKnownPolicies()).containsExactly(WellKnownPolicy.AUTO_SCALER);
        assertThat(request.permissionsBoundaryArn()).isEqualTo("arn:aws-us-gov:iam::111122223333:policy/boundary");
        assertThat(request.createsRole()).isTrue();
    }
}
