package io.keyline.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalIdsTest {

    @Test
    void awsPrincipalsLoseTheirPathAndSessionsMapToTheirRole() {
        assertThat(
                        CanonicalIds.awsPrincipal(
                                "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob"))
                .isEqualTo("arn:aws:iam::123456789012:user/Bob");
        assertThat(CanonicalIds.awsPrincipal("arn:aws:iam::123456789012:role/service-role/deploy"))
                .isEqualTo("arn:aws:iam::123456789012:role/deploy");
        assertThat(
                        CanonicalIds.awsPrincipal(
                                "arn:aws:sts::123456789012:assumed-role/deploy/i-0abc"))
                .isEqualTo("arn:aws:iam::123456789012:role/deploy");
        assertThat(CanonicalIds.awsPrincipal("arn:aws-cn:sts::123456789012:assumed-role/r/s"))
                .isEqualTo("arn:aws-cn:iam::123456789012:role/r");
        assertThat(CanonicalIds.awsPrincipal("arn:aws:iam::123456789012:root"))
                .isEqualTo("arn:aws:iam::123456789012:root");
        assertThat(CanonicalIds.awsPrincipal("not-an-arn")).isEqualTo("not-an-arn");
        assertThat(CanonicalIds.awsPrincipal(" ")).isNull();
    }

    @Test
    void sourcesThatNameAUserWithoutPathMeetTheSameId() {
        assertThat(CanonicalIds.awsUser("123456789012", "Bob"))
                .isEqualTo(CanonicalIds.awsPrincipal("arn:aws:iam::123456789012:user/a/b/Bob"));
    }

    @Test
    void accessKeyIdsAreRecognizedByShape() {
        assertThat(CanonicalIds.isAwsAccessKeyId("AKIAIOSFODNN7EXAMPLE")).isTrue();
        assertThat(CanonicalIds.isAwsSessionKeyId("ASIASXP6SDP2HUZY3TOB")).isTrue();
        assertThat(CanonicalIds.isAwsSessionKeyId("AKIAIOSFODNN7EXAMPLE")).isFalse();
        assertThat(CanonicalIds.isAwsAccessKeyId("EXAMPLE_KEY_ID")).isFalse();
        assertThat(CanonicalIds.isAwsAccessKeyId("ACCESSKEY")).isFalse();
        assertThat(CanonicalIds.isAwsAccessKeyId("")).isFalse();
        assertThat(CanonicalIds.awsAccessKey("AKIAIOSFODNN7EXAMPLE"))
                .isEqualTo("aws:access-key:AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void sessionNamesAndAccountsComeOutOfArns() {
        assertThat(
                        CanonicalIds.awsSessionName(
                                "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_1a2b/alice@example.com"))
                .isEqualTo("alice@example.com");
        assertThat(CanonicalIds.awsSessionName("arn:aws:iam::123456789012:user/Bob")).isNull();
        assertThat(CanonicalIds.awsAccountOf("arn:aws:iam::0123456789012:user/x"))
                .isEqualTo("0123456789012");
        assertThat(CanonicalIds.awsAccountOf("arn:aws:s3:::bucket")).isNull();
    }

    @Test
    void otherSystemsHaveReadablePrefixedIds() {
        assertThat(CanonicalIds.gcpServiceAccountKey("Deploy@P.iam.gserviceaccount.com", "k1"))
                .isEqualTo("gcp:sa-key:deploy@p.iam.gserviceaccount.com/k1");
        assertThat(CanonicalIds.githubToken("E8Fzcgs3TQXqhrKKC/qNR+2XZnaK3ykQBSAt1kPMiJs="))
                .isEqualTo("github:token:E8Fzcgs3TQXqhrKKC/qNR+2XZnaK3ykQBSAt1kPMiJs=");
        assertThat(CanonicalIds.k8sServiceAccount("prod", "default", "builder"))
                .isEqualTo("k8s:sa:prod/default/builder");
        assertThat(CanonicalIds.systemOf("gcp:sa:x")).isEqualTo("gcp");
        assertThat(CanonicalIds.systemOf("arn:aws:iam::1:user/x")).isEqualTo("aws");
        assertThat(CanonicalIds.systemOf("fp:abc")).isEqualTo("unknown");
    }

    @Test
    void oktaIdsAreScopedByOrgExceptUsersWhichTheirLoginMakesUnique() {
        assertThat(CanonicalIds.oktaApiToken("Acme.okta.com", "00Tabc"))
                .isEqualTo("okta:acme.okta.com:api-token:00Tabc");
        assertThat(CanonicalIds.oktaApp("acme", "0oaXyZ")).isEqualTo("okta:acme:app:0oaXyZ");
        assertThat(CanonicalIds.oktaGroup("ACME", "00gAbC")).isEqualTo("okta:acme:group:00gAbC");
        assertThat(CanonicalIds.oktaUser(" Svc-Deploy@Example.com "))
                .isEqualTo("okta:user:svc-deploy@example.com");
        assertThat(CanonicalIds.systemOf(CanonicalIds.oktaGroup("acme", "00g1"))).isEqualTo("okta");
    }

    @Test
    void keyIdsAreTakenAsTheSourceGivesThemUnlessTheyCannotBeIds() {
        assertThat(CanonicalIds.awsAccessKeyIdOrNull(" AKIAIOSFODNN7EXAMPLE "))
                .isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(CanonicalIds.awsAccessKeyIdOrNull("EXAMPLE_KEY_ID")).isEqualTo("EXAMPLE_KEY_ID");
        assertThat(CanonicalIds.awsAccessKeyIdOrNull("")).isNull();
        assertThat(CanonicalIds.awsAccessKeyIdOrNull("AKIA with spaces")).isNull();
        assertThat(CanonicalIds.awsAccessKeyIdOrNull("x".repeat(129))).isNull();
    }

    @Test
    void principalTypesAndNamesComeFromTheId() {
        assertThat(CanonicalIds.principalTypeOf("arn:aws:iam::111122223333:user/svc"))
                .isEqualTo("user");
        assertThat(CanonicalIds.principalTypeOf("arn:aws:iam::111122223333:role/deploy"))
                .isEqualTo("role");
        assertThat(CanonicalIds.principalTypeOf("arn:aws:iam::111122223333:group/Admins"))
                .isEqualTo("group");
        assertThat(CanonicalIds.principalTypeOf("arn:aws:iam::111122223333:root"))
                .isEqualTo("root");
        assertThat(CanonicalIds.principalTypeOf("aws:access-key:AKIAIOSFODNN7EXAMPLE")).isNull();
        assertThat(CanonicalIds.principalNameOf("arn:aws:iam::111122223333:role/deploy"))
                .isEqualTo("deploy");
        assertThat(CanonicalIds.principalNameOf("arn:aws:iam::111122223333:root")).isNull();
        assertThat(CanonicalIds.awsInlinePolicy("arn:aws:iam::111122223333:user/svc", "read-all"))
                .isEqualTo("arn:aws:iam::111122223333:user/svc/inline-policy/read-all");
    }
}
