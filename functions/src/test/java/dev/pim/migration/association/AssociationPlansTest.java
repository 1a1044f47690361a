package dev.pim.migration.association;

import dev.pim.migration.ServiceAccountRef;
import dev.pim.migration.fake.FakeCloud;
import dev.pim.migration.fake.FakeIam;
import dev.pim.migration.inventory.AddonServiceAccountPolicies;
import dev.pim.migration.inventory.AssociationInfo;
import dev.pim.migration.port.AssociationAdminPort;
import dev.pim.migration.port.AssociationExistsException;
import dev.pim.migration.port.RoleAdminPort;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plans' safety rules over in-memory fakes of the ports: delete never removes a role pim did not create for that
 * service account, nor one another association uses; create reuses only its own leftover role, and undoes a role it
 * made when EKS refuses the association.
 */
class AssociationPlansTest {
    private static final ServiceAccountRef S3_READER = new ServiceAccountRef("default", "s3-reader");
    private static final String S3_READ = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    private final FakeCloud cloud = new FakeCloud();
    private final FakeRoles roles = new FakeRoles(cloud.iam);
    private final AssociationContext context = new AssociationContext(cloud.eks.describeCluster(), cloud.eks, cloud.iam,
            roles, new FakeAssociationAdmin(), WellKnownPolicies.load());

    @Test
    void deleteKeepsARoleTaggedForAnotherServiceAccount() {
        String trust = RoleProvisioner.podIdentityTrust("other");
        cloud.iam.role("other", trust, Map.of(CreatedRoleTag.ROLE_KEY, "us-west-2/payments/default/someone-else"));
        cloud.eks.association(S3_READER, cloud.iam.arn("other"));

        AssociationPlan plan = new AssociationDeletion(context).plan(List.of(AssociationRequest.of(S3_READER)));

        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.tasks()).hasSize(1));
        assertThat(plan.notes()).containsExactly("role other of default/s3-reader is kept: pim did not create it for "
                + "this service account (no pod-identity-migrator/created-for tag naming it)");
        plan.changes().get(0).apply().get();
        assertThat(cloud.iam.role("other")).isPresent();
        assertThat(cloud.eks.associations()).isEmpty();
    }

    @Test
    void deleteKeepsTheRolePimCreatedWhileAnotherAssociationUsesIt() {
        create(S3_READER);
        String roleArn = cloud.eks.association(S3_READER).orElseThrow().roleArn();
        cloud.eks.association(new ServiceAccountRef("default", "borrower"), roleArn);

        AssociationPlan plan = new AssociationDeletion(context).plan(List.of(AssociationRequest.of(S3_READER)));
        plan.changes().forEach(c -> c.apply().get());

        assertThat(plan.notes()).singleElement().asString().contains("is kept: pim created it for default/s3-reader, "
                + "but [default/borrower] use(s) it too");
        assertThat(cloud.iam.role(roleName(roleArn))).isPresent();
    }

    @Test
    void deleteRemovesEveryPolicyThenTheRolePimCreated() {
        create(S3_READER);
        String roleName = roleName(cloud.eks.association(S3_READER).orElseThrow().roleArn());
        assertThat(roles.attached.get(roleName)).containsExactly(S3_READ);

        new AssociationDeletion(context).plan(List.of(AssociationRequest.of(S3_READER))).changes()
                .forEach(c -> c.apply().get());

        assertThat(cloud.iam.role(roleName)).isEmpty();
        assertThat(roles.calls).containsSubsequence("detach " + roleName + " " + S3_READ,
                "deleteInline " + roleName + " PolicyAutoScaling", "deleteRole " + roleName);
    }

    @Test
    void createReusesItsOwnLeftoverRoleButRefusesASameNamedRoleItDidNotCreate() {
        String name = RoleNaming.forServiceAccount("payments", S3_READER);
        cloud.iam.role(name, RoleProvisioner.podIdentityTrust(name),
                Map.of(CreatedRoleTag.ROLE_KEY, CreatedRoleTag.value("us-west-2", "payments", S3_READER)));

        AssociationPlan plan = new AssociationCreation(context).plan(List.of(request(S3_READER)));

        assertThat(plan.changes().get(0).tasks().get(0)).startsWith("use role \"" + name + "\" that pim created earlier");
        plan.changes().get(0).apply().get();
        assertThat(roles.calls).noneMatch(call -> call.startsWith("createRole"));

        ServiceAccountRef writer = new ServiceAccountRef("default", "writer");
        cloud.iam.role(RoleNaming.forServiceAccount("payments", writer), RoleProvisioner.podIdentityTrust("x"));
        assertThatThrownBy(() -> new AssociationCreation(context).plan(List.of(request(writer))))
                .isInstanceOf(AssociationRefusedException.class)
                .hasMessageContaining("exists already and pim did not create it for this service account");
    }

    @Test
    void aRoleCreatedForAnAssociationEksRefusesIsDeletedAgain() {
        AssociationPlan plan = new AssociationCreation(context).plan(List.of(request(S3_READER)));
        cloud.eks.failNextCreate(new AssociationExistsException("a-0123456789abcdefg", "Association already exists"));

        assertThatThrownBy(() -> plan.changes().get(0).apply().get()).isInstanceOf(AssociationRefusedException.class)
                .hasMessageContaining("already has a pod identity association (a-0123456789abcdefg)");
        assertThat(roles.calls).contains("createRole " + RoleNaming.forServiceAccount("payments", S3_READER));
        assertThat(cloud.iam.role(RoleNaming.forServiceAccount("payments", S3_READER))).isEmpty();
    }

    @Test
    void theCreatedRoleTrustsPodIdentityAndRecordsItselfOnTheAssociation() {
        create(S3_READER);
        AssociationInfo association = cloud.eks.association(S3_READER).orElseThrow();
        String roleName = roleName(association.roleArn());

        assertThat(association.tags()).containsEntry(CreatedRoleTag.ASSOCIATION_KEY, roleName);
        assertThat(cloud.iam.role(roleName).orElseThrow().trustPolicy()).contains("pods.eks.amazonaws.com")
                .contains("sts:TagSession");
        assertThat(roles.inline.get(roleName)).containsOnlyKeys("PolicyAutoScaling");
    }

    @Test
    void updateOfAServiceAccountWithoutAnAssociationIsRefusedNamingIt() {
        String role = cloud.iam.arn("other");
        cloud.iam.role("other", RoleProvisioner.podIdentityTrust("other"));

        assertThatThrownBy(() -> new AssociationUpdate(context).plan(List.of(new AssociationRequest(S3_READER, role, null,
                List.of(), null, List.of(), null, Map.of()))))
                .isInstanceOf(AssociationRefusedException.class)
                .hasMessage("no pod identity association for service account default/s3-reader in cluster payments: "
                        + "create one with pim create podidentityassociation");
    }

    @Test
    void anAddonsServiceAccountIsRefusedBeforeAnyRoleIsCreated() {
        cloud.eks.addon("aws-ebs-csi-driver", "kube-system", null, "ebs-csi-controller-sa");
        ServiceAccountRef controller = new ServiceAccountRef("kube-system", "ebs-csi-controller-sa");

        assertThatThrownBy(() -> new AssociationCreation(context).plan(List.of(request(controller))))
                .isInstanceOf(AssociationRefusedException.class)
                .hasMessageContaining("is the service account of add-on aws-ebs-csi-driver: its role is set through "
                        + "UpdateAddon").hasMessageEndingWith("--addon aws-ebs-csi-driver");
        assertThat(roles.calls).isEmpty();
    }

    private void create(ServiceAccountRef serviceAccount) {
        new AssociationCreation(context).plan(List.of(request(serviceAccount))).changes().forEach(c -> c.apply().get());
    }

    private static AssociationRequest request(ServiceAccountRef serviceAccount) {
        return new AssociationRequest(serviceAccount, null, null, List.of(S3_READ), null,
                List.of(WellKnownPolicy.AUTO_SCALER), null, Map.of());
    }

    private static String roleName(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** {@link RoleAdminPort} over the fake IAM: roles appear in it (with their tags) and go from it. */
    private static final class FakeRoles implements RoleAdminPort {
        final FakeIam iam;
        final List<String> calls = new ArrayList<>();
        final Map<String, List<String>> attached = new HashMap<>();
        final Map<String, Map<String, String>> inline = new HashMap<>();

        FakeRoles(FakeIam iam) {
            this.iam = iam;
        }

        @Override
        public String createRole(String roleName, String trustPolicyJson, String description, String boundary,
                                 Map<String, String> tags) {
            calls.add("createRole " + roleName);
            iam.role(roleName, trustPolicyJson, tags);
            return iam.arn(roleName);
        }

        @Override
        public void attachRolePolicy(String roleName, String policyArn) {
            attached.computeIfAbsent(roleName, k -> new ArrayList<>()).add(policyArn);
        }

        @Override
        public void putRolePolicy(String roleName, String policyName, String policyDocument) {
            inline.computeIfAbsent(roleName, k -> new HashMap<>()).put(policyName, policyDocument);
        }

        @Override
        public List<String> attachedPolicyArns(String roleName) {
            return List.copyOf(attached.getOrDefault(roleName, List.of()));
        }

        @Override
        public List<String> inlinePolicyNames(String roleName) {
            return List.copyOf(inline.getOrDefault(roleName, Map.of()).keySet());
        }

        @Override
        public void detachRolePolicy(String roleName, String policyArn) {
            calls.add("detach " + roleName + " " + policyArn);
            attached.get(roleName).remove(policyArn);
        }

        @Override
        public void deleteRolePolicy(String roleName, String policyName) {
            calls.add("deleteInline " + roleName + " " + policyName);
            inline.get(roleName).remove(policyName);
        }

        @Override
        public void deleteRole(String roleName) {
            if (!attached.getOrDefault(roleName, List.of()).isEmpty() || !inline.getOrDefault(roleName, Map.of()).isEmpty()) {
                throw new IllegalStateException("DeleteConflict: " + roleName + " still has policies");
            }
            calls.add("deleteRole " + roleName);
            iam.removeRole(roleName);
        }
    }

    /** {@link AssociationAdminPort}'s list over the fake EKS (the plans tested here call nothing else of it). */
    private final class FakeAssociationAdmin implements AssociationAdminPort {
        @Override
        public List<String> associationIds(String namespace, String serviceAccount) {
            return cloud.eks.associations().stream()
                    .filter(a -> namespace == null || a.serviceAccount().namespace().equals(namespace))
                    .filter(a -> serviceAccount == null || a.serviceAccount().name().equals(serviceAccount))
                    .map(AssociationInfo::id).toList();
        }

        @Override
        public AssociationInfo updateAssociationRole(String associationId, String roleArn) {
            throw new UnsupportedOperationException("not used by these plans");
        }

        @Override
        public List<AddonServiceAccountPolicies> addonPodIdentityConfiguration(String addonName, String addonVersion) {
            throw new UnsupportedOperationException("not used by these plans");
        }
    }
}
