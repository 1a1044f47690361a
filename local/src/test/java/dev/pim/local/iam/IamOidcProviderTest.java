package dev.pim.local.iam;

import dev.pim.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IamOidcProviderTest {
    static final String URL = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    static final String THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

    @RegisterExtension
    static final LocalCloudExtension cloud = new LocalCloudExtension("demo");

    @AutoClose
    private final IamClient iam = AwsClients.iam(cloud);

    @Test
    void aCreatedProviderIsStoredWithoutItsSchemeAndCanBeRead() {
        String arn = iam.createOpenIDConnectProvider(r -> r.url(URL).clientIDList("sts.amazonaws.com")
                .thumbprintList(THUMBPRINT).tags(Tag.builder().key("cluster").value("eu").build())).openIDConnectProviderArn();

        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:oidc-provider/" + URL.substring("https://".length()));
        GetOpenIdConnectProviderResponse provider = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(provider.url()).isEqualTo(URL.substring("https://".length()));
        assertThat(provider.clientIDList()).containsExactly("sts.amazonaws.com");
        assertThat(provider.thumbprintList()).containsExactly(THUMBPRINT);
        assertThat(provider.createDate()).isNotNull();
        assertThat(provider.tags()).extracting(Tag::key).containsExactly("cluster");
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).contains(arn).hasSize(2);
    }

    @Test
    void aTrustPolicyMayNameTheProviderOnceItExists() {
        String arn = iam.createOpenIDConnectProvider(r -> r.url(URL).clientIDList("sts.amazonaws.com")).openIDConnectProviderArn();
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + arn + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}";

        iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(trust));
        iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));

        assertThatThrownBy(() -> iam.updateAssumeRolePolicy(r -> r.roleName("search").policyDocument(trust)))
                .hasMessageContaining("Invalid principal in policy");
    }

    @Test
    void registeringTheSameUrlTwiceIsEntityAlreadyExists() {
        iam.createOpenIDConnectProvider(r -> r.url(URL));

        assertThatThrownBy(() -> iam.createOpenIDConnectProvider(r -> r.url(URL)))
                .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(URL);
                });
    }

    @Test
    void anUnknownProviderIsNoSuchEntityNamingItsArn() {
        String arn = "arn:aws:iam::111122223333:oidc-provider/oidc.example.com/id/none";

        assertThatThrownBy(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("OpenIDConnect Provider not found for arn " + arn);
                });
        assertThatThrownBy(() -> iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void malformedInputIsRefused() {
        assertThatThrownBy(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn("arn:aws:iam::111122223333:role/x")))
                .isInstanceOf(InvalidInputException.class);
        IamRoleApiTest.assertValidationError(() -> iam.createOpenIDConnectProvider(r -> r.url("https://x.example.com")
                .thumbprintList("tooshort")), "at 'thumbprintList'");
        assertThatThrownBy(() -> iam.createOpenIDConnectProvider(r -> r.url("http://insecure.example.com")))
                .hasMessageContaining("Invalid Open ID Connect Provider URL");
    }
}
