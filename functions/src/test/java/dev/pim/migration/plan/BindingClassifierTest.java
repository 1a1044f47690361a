package dev.pim.migration.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.pim.migration.plan.InventoryBuilder.OTHER_URL;
import static dev.pim.migration.plan.InventoryBuilder.URL;
import static dev.pim.migration.plan.InventoryBuilder.arn;
import static dev.pim.migration.plan.InventoryBuilder.irsaTrust;
import static org.assertj.core.api.Assertions.assertThat;

class BindingClassifierTest {

    private static Binding only(List<Binding> bindings, String sa) {
        return bindings.stream().filter(b -> b.serviceAccount().toString().equals(sa)).findFirst().orElseThrow();
    }

    @Test
    void annotatedServiceAccountWhoseRoleTrustsItIsMigratable() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "api", arn("api"))
                .role("api", irsaTrust(URL, "system:serviceaccount:app:api"))
                .build(), null).classify();
        Binding b = only(bindings, "app/api");
        assertThat(b.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        assertThat(b.sources()).containsExactlyInAnyOrder(BindingSource.ANNOTATION, BindingSource.TRUST);
        assertThat(b.associationRoleArn()).isEqualTo(arn("api"));
    }

    @Test
    void brokenAnnotationsSayWhatIsWrong() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "typo", "api-role")
                .serviceAccount("app", "user", "arn:aws:iam::111122223333:user/bob")
                .serviceAccount("app", "china", "arn:aws-cn:iam::111122223333:role/api")
                .serviceAccount("app", "ghost", arn("ghost")).missingRole("ghost")
                .serviceAccount("app", "copied", arn("copied"))
                .role("copied", irsaTrust(OTHER_URL, "system:serviceaccount:app:copied"))
                .build(), null).classify();
        assertThat(bindings).allSatisfy(b -> assertThat(b.bindingClass()).isEqualTo(BindingClass.BROKEN));
        assertThat(only(bindings, "app/typo").reason()).contains("not an ARN");
        assertThat(only(bindings, "app/user").reason()).contains("IAM user");
        assertThat(only(bindings, "app/china").reason()).contains("partition aws-cn");
        assertThat(only(bindings, "app/ghost").reason()).contains("does not exist");
        assertThat(only(bindings, "app/copied").reason()).contains("does not trust this cluster");
    }

    @Test
    void anAnnotationWithSpaceOrNewlineAroundTheArnIsBrokenNotQuietlyCleaned() {
        // The IRSA webhook copies the value as it is into AWS_ROLE_ARN: such pods have no working IRSA to migrate.
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "pasted", arn("api") + " ")
                .serviceAccount("app", "block", arn("api") + "\n")
                .serviceAccount("app", "api", arn("api"))
                .role("api", irsaTrust(URL, "system:serviceaccount:app:api"))
                .build(), null).classify();
        assertThat(only(bindings, "app/pasted").bindingClass()).isEqualTo(BindingClass.BROKEN);
        assertThat(only(bindings, "app/pasted").reason()).contains("whitespace (a space) around the ARN");
        assertThat(only(bindings, "app/block").bindingClass()).isEqualTo(BindingClass.BROKEN);
        assertThat(only(bindings, "app/block").reason()).contains("a newline around the ARN");
        assertThat(only(bindings, "app/api").bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
    }

    @Test
    void existingAssociationIsAlreadyMigratedWithTheSameRoleAndAConflictWithAnother() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("shop", "cart", arn("cart")).role("cart", irsaTrust(URL, "system:serviceaccount:shop:cart"))
                .association("shop", "cart", arn("cart"))
                .serviceAccount("shop", "pricing", arn("pricing")).role("pricing", irsaTrust(URL, "system:serviceaccount:shop:pricing"))
                .association("shop", "pricing", arn("pricing-v2"))
                .build(), null).classify();
        assertThat(only(bindings, "shop/cart").bindingClass()).isEqualTo(BindingClass.ALREADY_MIGRATED);
        Binding conflict = only(bindings, "shop/pricing");
        assertThat(conflict.bindingClass()).isEqualTo(BindingClass.CONFLICT);
        assertThat(conflict.reason()).contains(arn("pricing-v2"));
    }

    @Test
    void crossAccountRoleIsSkippedUnlessABridgeRoleIsGiven() {
        String foreign = "arn:aws:iam::444455556666:role/data-reader";
        InventoryBuilder inventory = new InventoryBuilder().serviceAccount("analytics", "reader", foreign);
        Binding skipped = only(new BindingClassifier(inventory.build(), null).classify(), "analytics/reader");
        assertThat(skipped.bindingClass()).isEqualTo(BindingClass.CROSS_ACCOUNT);
        assertThat(skipped.reason()).contains("444455556666").contains("--cross-account-bridge-role");

        Binding bridged = only(new BindingClassifier(inventory.build(), arn("bridge")).classify(), "analytics/reader");
        assertThat(bridged.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        assertThat(bridged.associationRoleArn()).isEqualTo(arn("bridge"));
        assertThat(bridged.targetRoleArn()).isEqualTo(foreign);
    }

    @Test
    void trustWithoutServiceAccountIsStale() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .role("legacy", irsaTrust(URL, "system:serviceaccount:legacy:importer"))
                .build(), null).classify();
        Binding b = only(bindings, "legacy/importer");
        assertThat(b.bindingClass()).isEqualTo(BindingClass.STALE_TRUST);
        assertThat(b.reason()).contains("no service account legacy/importer");
    }

    @Test
    void aTrustNamingAServiceAccountInAnotherCaseUnderStringEqualsIgnoreCaseBindsThatServiceAccount() {
        // IAM admits app/api's token through StringEqualsIgnoreCase "app:API"; no service account can be named API.
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "api", null)
                .role("api", irsaTrust(URL, "system:serviceaccount:app:API").replace("StringEquals", "StringEqualsIgnoreCase"))
                .build(), null).classify();
        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.serviceAccount().toString()).isEqualTo("app/api");
            assertThat(b.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
            assertThat(b.sources()).containsExactly(BindingSource.TRUST);
        });
    }

    @Test
    void trustOfAServiceAccountThatUsesAnotherRoleIsStale() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "api", arn("api")).role("api", irsaTrust(URL, "system:serviceaccount:app:api"))
                .role("old", irsaTrust(URL, "system:serviceaccount:app:api"))
                .build(), null).classify();
        assertThat(bindings).hasSize(2);
        Binding stale = bindings.stream().filter(b -> b.roleArn().equals(arn("old"))).findFirst().orElseThrow();
        assertThat(stale.bindingClass()).isEqualTo(BindingClass.STALE_TRUST);
        assertThat(stale.reason()).contains("uses role " + arn("api"));
    }

    static String wildcardTrust(String pattern) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + InventoryBuilder.PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":{\""
                + URL + ":sub\":\"" + pattern + "\"}}}]}";
    }

    static String audienceOnlyTrust() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + InventoryBuilder.PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\""
                + URL + ":aud\":\"sts.amazonaws.com\"}}}]}";
    }

    @Test
    void aWildcardSubjectBindsOnlyTheAnnotatedServiceAccountsItMatches() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("batch", "job-a", arn("batch"))
                .serviceAccount("batch", "job-c", null)
                .serviceAccount("batch", "report", null)
                .role("batch", wildcardTrust("system:serviceaccount:batch:job-*"))
                .build(), null).classify();
        assertThat(bindings).extracting(b -> b.serviceAccount().toString()).containsExactly("batch/job-a");
        assertThat(only(bindings, "batch/job-a").bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
    }

    @Test
    void aServiceAccountTheUserNamesIsBoundThroughAWildcard() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("batch", "job-a", arn("batch"))
                .serviceAccount("batch", "job-c", null)
                .serviceAccount("batch", "report", null)
                .role("batch", wildcardTrust("system:serviceaccount:batch:job-*"))
                .build(), null, java.util.Set.of(new dev.pim.migration.ServiceAccountRef("batch", "job-c"))).classify();
        assertThat(bindings).extracting(b -> b.serviceAccount().toString()).containsExactly("batch/job-a", "batch/job-c");
        assertThat(only(bindings, "batch/job-c").bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        assertThat(only(bindings, "batch/job-c").reason()).contains("--include-service-account");
    }

    @Test
    void anAudienceOnlyTrustBindsTheAnnotatedServiceAccountAndNoOther() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("web", "frontend", arn("frontend"))
                .serviceAccount("kube-system", "default", null)
                .serviceAccount("default", "default", null)
                .role("frontend", audienceOnlyTrust())
                .build(), null).classify();
        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.serviceAccount().toString()).isEqualTo("web/frontend");
            assertThat(b.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        });
    }

    @Test
    void twoRolesNamingOneServiceAccountAreAConflictBeforeAnyWrite() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("shop", "cart", null)
                .role("cart-a", irsaTrust(URL, "system:serviceaccount:shop:cart"))
                .role("cart-b", irsaTrust(URL, "system:serviceaccount:shop:cart"))
                .build(), null).classify();
        assertThat(bindings).hasSize(2).allSatisfy(b -> {
            assertThat(b.bindingClass()).isEqualTo(BindingClass.CONFLICT);
            assertThat(b.reason()).contains(arn("cart-a")).contains(arn("cart-b")).contains("annotate");
            assertThat(b.associationRoleArn()).isNull();
        });
    }

    @Test
    void aMigratedServiceAccountThatASecondRoleStillNamesStaysMigrated() {
        String withoutOidc = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"pods.eks.amazonaws.com\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("shop", "cart", null)
                .role("cart", withoutOidc)
                .role("legacy", irsaTrust(URL, "system:serviceaccount:shop:cart"))
                .association("shop", "cart", arn("cart"))
                .build(), null).classify();
        Binding migrated = bindings.stream().filter(b -> b.roleArn().equals(arn("cart"))).findFirst().orElseThrow();
        Binding legacy = bindings.stream().filter(b -> b.roleArn().equals(arn("legacy"))).findFirst().orElseThrow();
        assertThat(migrated.bindingClass()).isEqualTo(BindingClass.ALREADY_MIGRATED);
        assertThat(legacy.bindingClass()).isEqualTo(BindingClass.STALE_TRUST);
        assertThat(legacy.reason()).contains("uses role " + arn("cart")).contains("association");
    }

    @Test
    void aTrustThatWantsAnotherAudienceIsBroken() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("app", "api", arn("api"))
                .role("api", irsaTrust(URL, "system:serviceaccount:app:api").replace("\"sts.amazonaws.com\"", "\"vault\""))
                .build(), null).classify();
        assertThat(only(bindings, "app/api").bindingClass()).isEqualTo(BindingClass.BROKEN);
        assertThat(only(bindings, "app/api").reason()).contains("audience sts.amazonaws.com");
    }

    @Test
    void fargateAndWindowsPlacementsStayOnIrsa() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("serverless", "api", arn("sl")).role("sl", irsaTrust(URL, "system:serviceaccount:serverless:api"))
                .workload("Deployment", "serverless", "api", "api", Map.of()).fargateNamespace("serverless")
                .serviceAccount("legacy", "dotnet", arn("dn")).role("dn", irsaTrust(URL, "system:serviceaccount:legacy:dotnet"))
                .workload("Deployment", "legacy", "dotnet", "dotnet", Map.of("kubernetes.io/os", "windows"))
                .build(), null).classify();
        assertThat(only(bindings, "serverless/api").bindingClass()).isEqualTo(BindingClass.UNSUPPORTED_PLACEMENT);
        assertThat(only(bindings, "serverless/api").reason()).contains("Fargate");
        assertThat(only(bindings, "legacy/dotnet").bindingClass()).isEqualTo(BindingClass.UNSUPPORTED_PLACEMENT);
        assertThat(only(bindings, "legacy/dotnet").reason()).contains("Windows");
    }

    @Test
    void addonBindingGoesThroughTheAddonAndOldVersionsAreUnsupported() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("kube-system", "ebs-csi-controller-sa", arn("ebs"))
                .role("ebs", irsaTrust(URL, "system:serviceaccount:kube-system:ebs-csi-controller-sa"))
                .addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.1", arn("ebs"), List.of("ebs-csi-controller-sa"))
                .serviceAccount("kube-system", "aws-node", arn("cni"))
                .role("cni", irsaTrust(URL, "system:serviceaccount:kube-system:aws-node"))
                .addon("vpc-cni", "v1.15.1-eksbuild.1", arn("cni"), List.of())
                .build(), null).classify();
        Binding ebs = only(bindings, "kube-system/ebs-csi-controller-sa");
        assertThat(ebs.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        assertThat(ebs.addon()).isEqualTo("aws-ebs-csi-driver");
        Binding cni = only(bindings, "kube-system/aws-node");
        assertThat(cni.bindingClass()).isEqualTo(BindingClass.UNSUPPORTED_ADDON);
        assertThat(cni.reason()).contains("v1.15.1-eksbuild.1 does not support Pod Identity");
    }

    @Test
    void cloudFormationRoleIsMigratableWithADriftWarning() {
        var bindings = new BindingClassifier(new InventoryBuilder()
                .serviceAccount("kube-system", "lbc", arn("lbc"))
                .role("lbc", irsaTrust(URL, "system:serviceaccount:kube-system:lbc"),
                        Map.of("aws:cloudformation:stack-name", "eksctl-demo-addon-iamserviceaccount-kube-system-lbc"))
                .build(), null).classify();
        Binding b = only(bindings, "kube-system/lbc");
        assertThat(b.bindingClass()).isEqualTo(BindingClass.MIGRATABLE);
        assertThat(b.warnings()).singleElement().asString().contains("CloudFormation stack eksctl-demo-addon-iamserviceaccount-kube-system-lbc");
    }
}
