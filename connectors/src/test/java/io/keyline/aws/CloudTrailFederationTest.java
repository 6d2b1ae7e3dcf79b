package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Federated assume-role calls name the principal behind the token in its home system. */
class CloudTrailFederationTest {

    private static List<String> trusted(String event) {
        ListParseOutput out =
                ParserHarness.parseFile(
                        "cloudtrail", "inline.json", event.getBytes(StandardCharsets.UTF_8), 0);
        assertThat(out.rejections()).isEmpty();
        return out.events().stream()
                .filter(e -> e.getKind() == EventKind.TRUSTS)
                .map(IdentityEvent::getResource)
                .collect(Collectors.toList());
    }

    @Test
    void aSamlAssertionOfOktaIsTrustedAsTheOktaUserOfItsSubject() {
        String event =
                "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-02T10:00:00Z\","
                        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRoleWithSAML\","
                        + "\"eventID\":\"f-1\",\"recipientAccountId\":\"111122223333\","
                        + "\"userIdentity\":{\"type\":\"SAMLUser\",\"principalId\":\"q1w2:svc-deploy@example.com\","
                        + "\"userName\":\"svc-deploy@example.com\",\"identityProvider\":\"q1w2\"},"
                        + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/okta-deployer\","
                        + "\"principalArn\":\"arn:aws:iam::111122223333:saml-provider/Okta\"},"
                        + "\"responseElements\":{\"issuer\":\"http://www.okta.com/exk1a2b3c4\","
                        + "\"subject\":\"Svc-Deploy@example.com\",\"subjectType\":\"persistent\"}}";

        assertThat(trusted(event)).containsExactly("okta:user:svc-deploy@example.com");
    }

    @Test
    void aGithubActionsTokenIsTrustedAsTheWorkflowsOfItsRepository() {
        String event =
                "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-02T10:00:00Z\","
                        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRoleWithWebIdentity\","
                        + "\"eventID\":\"f-2\",\"recipientAccountId\":\"111122223333\","
                        + "\"userIdentity\":{\"type\":\"WebIdentityUser\","
                        + "\"principalId\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:repo:acme/infra:ref:refs/heads/main\","
                        + "\"userName\":\"repo:acme/infra:ref:refs/heads/main\","
                        + "\"identityProvider\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
                        + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/gha-deploy\"},"
                        + "\"responseElements\":{\"subjectFromWebIdentityToken\":\"repo:acme/infra:ref:refs/heads/main\","
                        + "\"provider\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}}";

        assertThat(trusted(event)).containsExactly("github:actions:acme/infra");
    }

    @Test
    void aClientCredentialsTokenOfAnOktaServiceAppIsTrustedAsThatApp() {
        String event =
                "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-02T10:00:00Z\","
                        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRoleWithWebIdentity\","
                        + "\"eventID\":\"f-4\",\"recipientAccountId\":\"111122223333\","
                        + "\"userIdentity\":{\"type\":\"WebIdentityUser\","
                        + "\"principalId\":\"arn:aws:iam::111122223333:oidc-provider/acme.okta.com/oauth2/default:api://sync:0oa8f2kq1xTzR5vW7y3d\","
                        + "\"userName\":\"0oa8f2kq1xTzR5vW7y3d\","
                        + "\"identityProvider\":\"arn:aws:iam::111122223333:oidc-provider/acme.okta.com/oauth2/default\"},"
                        + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/saas-sync\"},"
                        + "\"responseElements\":{\"subjectFromWebIdentityToken\":\"0oa8f2kq1xTzR5vW7y3d\","
                        + "\"provider\":\"arn:aws:iam::111122223333:oidc-provider/acme.okta.com/oauth2/default\","
                        + "\"audience\":\"api://sync\"}}";

        assertThat(trusted(event)).containsExactly("okta:acme:app:0oa8f2kq1xTzR5vW7y3d");
    }

    @Test
    void anotherOidcProviderStaysTheProviderOfTheAccount() {
        String event =
                "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-02T10:00:00Z\","
                        + "\"eventSource\":\"sts.amazonaws.com\",\"eventName\":\"AssumeRoleWithWebIdentity\","
                        + "\"eventID\":\"f-3\",\"recipientAccountId\":\"111122223333\","
                        + "\"userIdentity\":{\"type\":\"WebIdentityUser\",\"principalId\":\"x\","
                        + "\"userName\":\"system:serviceaccount:ci:runner\","
                        + "\"identityProvider\":\"oidc.eks.eu-west-1.amazonaws.com/id/ABC\"},"
                        + "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::111122223333:role/ci\"},"
                        + "\"responseElements\":null}";

        assertThat(trusted(event))
                .containsExactly(
                        "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC");
    }
}
