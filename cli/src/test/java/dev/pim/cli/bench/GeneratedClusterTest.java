package dev.pim.cli.bench;

import dev.pim.local.fixture.Fixture;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench's clusters: the shape the issue asks for, the same for the same seed, and the floor they set. */
class GeneratedClusterTest {

    @Test
    void aThousandBindingsHaveFourHundredRolesSomeSharedAndTwoAddOns() {
        GeneratedCluster c = GeneratedCluster.generate(1000, 9);
        assertThat(c.roles()).isEqualTo(400);
        assertThat(c.irsaAddons()).containsExactly("aws-ebs-csi-driver", "vpc-cni");
        assertThat(c.serviceAccounts()).isEqualTo(998);
        Fixture.Cluster cluster = c.fixture().accounts().get(0).regions().get(0).clusters().get(0);
        assertThat(cluster.serviceAccounts()).hasSize(998);
        Map<String, Long> perRole = cluster.serviceAccounts().stream()
                .collect(Collectors.groupingBy(Fixture.ServiceAccount::roleArn, Collectors.counting()));
        assertThat(perRole).hasSize(398);
        assertThat(perRole.values()).anyMatch(n -> n > 1).allMatch(n -> n <= GeneratedCluster.MAX_SERVICE_ACCOUNTS_PER_ROLE);
        assertThat(cluster.addons()).extracting(Fixture.Addon::name).contains("eks-pod-identity-agent");
    }

    @Test
    void theSameSeedGivesTheSameClusterAndAnotherSeedAnother() {
        assertThat(GeneratedCluster.generate(100, 9)).isEqualTo(GeneratedCluster.generate(100, 9));
        assertThat(GeneratedCluster.generate(100, 9).fixture()).isNotEqualTo(GeneratedCluster.generate(100, 10).fixture());
    }

    @Test
    void theFloorIsOneTrustUpdatePerRoleOneAssociationPerServiceAccountOneUpdatePerAddOn() {
        CallFloor floor = CallFloor.of(GeneratedCluster.generate(100, 9));
        assertThat(floor.writes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "iam:UpdateAssumeRolePolicy", 40L, "eks:CreatePodIdentityAssociation", 98L, "eks:UpdateAddon", 2L));
        assertThat(floor.writesOf("eks")).isEqualTo(100);
        assertThat(floor.minimum("iam:GetRole")).isEqualTo(40);
        assertThat(floor.minimum("k8s:GetServiceAccount")).isNull();
    }

    @Test
    void aTinyClusterHasOneRoleAndNoAddOn() {
        GeneratedCluster c = GeneratedCluster.generate(1, 9);
        assertThat(c.roles()).isEqualTo(1);
        assertThat(c.serviceAccounts()).isEqualTo(1);
        assertThat(c.irsaAddons()).isEmpty();
    }
}
