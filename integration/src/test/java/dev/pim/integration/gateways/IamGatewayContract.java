package dev.pim.integration.gateways;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pim.aws.IamGateway;
import dev.pim.migration.inventory.RoleInfo;
import dev.pim.migration.port.IamPort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the migration reads from and writes to IAM, through {@link IamGateway}: one body, run on each endpoint. */
abstract class IamGatewayContract extends GatewayContract {
    private IamPort iam;
    /** A cluster issuer of this test's own: IAM refuses a trust policy naming an OIDC provider it does not have. */
    private String issuer;
    private String providerArn;

    @BeforeEach
    void openGateway() {
        iam = new IamGateway(clients.iam(), clients.iamWrites(), CloudEndpoint.quickBackoff());
        issuer = "oidc.eks.us-west-2.amazonaws.com/id/" + String.format("%032X", System.nanoTime());
        providerArn = clients.iam().createOpenIDConnectProvider(r -> r.url("https://" + issuer).clientIDList("sts.amazonaws.com")
                .thumbprintList("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")).openIDConnectProviderArn();
    }

    @Test
    void readsARoleWithItsPathTagsAndDecodedTrust() throws Exception {
        String name = unique("payments-api");
        String trust = irsaTrust("system:serviceaccount:payments:payments-api");
        clients.iam().createRole(r -> r.roleName(name).path("/teams/").assumeRolePolicyDocument(trust)
                .tags(t -> t.key("team").value("payments")));

        RoleInfo role = iam.role(name).orElseThrow();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::" + account + ":role/teams/" + name);
        assertThat(role.path()).isEqualTo("/teams/");
        assertThat(role.tags()).containsEntry("team", "payments");
        assertThat(new ObjectMapper().readTree(role.trustPolicy())).isEqualTo(new ObjectMapper().readTree(trust));
    }

    @Test
    void aRoleIamDoesNotHaveIsEmpty() {
        assertThat(iam.role(unique("nosuch"))).isEmpty();
    }

    @Test
    void replacesTheTrustPolicy() throws Exception {
        String name = unique("orders-api");
        clients.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(irsaTrust("system:serviceaccount:orders:api")));
        String podIdentity = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},\
                "Action":["sts:AssumeRole","sts:TagSession"]}]}""";

        iam.updateTrustPolicy(name, podIdentity);

        String stored = URLDecoder.decode(clients.iam().getRole(r -> r.roleName(name)).role().assumeRolePolicyDocument(),
                StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(stored)).isEqualTo(new ObjectMapper().readTree(podIdentity));
    }

    @Test
    void listsRolesAcrossPages() {
        List<String> names = List.of(unique("list-a"), unique("list-b"), unique("list-c"));
        names.forEach(n -> clients.iam().createRole(r -> r.roleName(n).assumeRolePolicyDocument(irsaTrust("system:serviceaccount:a:b"))));

        assertThat(iam.listRoles()).extracting(RoleInfo::name).containsAll(names);
    }

    @Test
    void readsAnOidcProvidersAudiencesAndKnowsAMissingOne() {
        assertThat(providerArn).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/" + issuer);
        assertThat(iam.oidcProviderClientIds(providerArn)).contains(List.of("sts.amazonaws.com"));
        assertThat(iam.oidcProviderClientIds("arn:aws:iam::" + account + ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/"
                + "F".repeat(32))).isEqualTo(Optional.empty());
    }

    private String irsaTrust(String subject) {
        return """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
                "Principal":{"Federated":"arn:aws:iam::%s:oidc-provider/%s"},"Action":"sts:AssumeRoleWithWebIdentity",\
                "Condition":{"StringEquals":{"%s:sub":"%s","%s:aud":"sts.amazonaws.com"}}}]}"""
                .formatted(account, issuer, issuer, subject, issuer);
    }
}
