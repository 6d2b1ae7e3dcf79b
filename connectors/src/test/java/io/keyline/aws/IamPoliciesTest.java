package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.PrivilegeTier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IamPoliciesTest {

    private static JsonNode statement(String effect, String actions, String resources)
            throws MalformedRecordException {
        return Json.read(
                ("{\"Statement\":[{\"Effect\":\""
                                + effect
                                + "\",\"Action\":"
                                + actions
                                + ",\"Resource\":"
                                + resources
                                + "}]}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"*\"|\"*\"|ADMIN",
                "\"*:*\"|\"arn:aws:s3:::b\"|ADMIN",
                "[\"iam:Attach*\"]|\"*\"|ADMIN",
                "[\"iam:PassRole\",\"ec2:RunInstances\"]|\"*\"|ADMIN",
                "[\"iam:CreateAccessKey\"]|\"arn:aws:iam::1:user/${aws:username}\"|ADMIN",
                "\"s3:*\"|\"*\"|HIGH",
                "\"s3:*\"|[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]|WRITE",
                "\"secretsmanager:Get*\"|\"arn:aws:secretsmanager:*:*:secret:app/*\"|HIGH",
                "\"KMS:decrypt\"|\"*\"|HIGH",
                "[\"s3:Get*\",\"s3:List*\",\"ec2:Describe*\"]|\"*\"|READ",
                "[\"s3:GetObject\",\"s3:PutObject\"]|\"arn:aws:s3:::b/*\"|WRITE",
                "\"s3:*Object\"|\"arn:aws:s3:::b/*\"|WRITE",
            })
    void tiersFollowWhatTheStatementsAllow(String actions, String resources, PrivilegeTier tier)
            throws MalformedRecordException {
        assertThat(IamPolicies.assess(statement("Allow", actions, resources)).tier())
                .isEqualTo(tier);
    }

    @Test
    void denyStatementsAllowNothing() throws MalformedRecordException {
        IamPolicies.Assessment a = IamPolicies.assess(statement("Deny", "\"*\"", "\"*\""));
        assertThat(a.tier()).isEqualTo(PrivilegeTier.NONE);
        assertThat(a.resources()).isEmpty();
    }

    @Test
    void notActionAllowsTheRestAndStaysBelowAdminOnlyWhenIamIsExcluded()
            throws MalformedRecordException {
        JsonNode powerUser =
                Json.read(
                        "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\"],\"Resource\":\"*\"}]}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(IamPolicies.assess(powerUser).tier()).isEqualTo(PrivilegeTier.HIGH);
        JsonNode almostAll =
                Json.read(
                        "{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(IamPolicies.assess(almostAll).tier()).isEqualTo(PrivilegeTier.ADMIN);
    }

    @Test
    void reasonsAndResourcesExplainTheTier() throws MalformedRecordException {
        IamPolicies.Assessment a =
                IamPolicies.assess(
                        statement(
                                "Allow",
                                "[\"s3:GetObject\",\"iam:PutUserPolicy\"]",
                                "[\"arn:aws:s3:::b/*\",\"arn:aws:iam::1:user/me\"]"));
        assertThat(a.reason())
                .isEqualTo(
                        "allows iam:PutUserPolicy (can grant itself more through iam:PutUserPolicy)");
        assertThat(a.resourceList()).isEqualTo("arn:aws:s3:::b/*,arn:aws:iam::1:user/me");
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "AdministratorAccess,ADMIN",
        "IAMFullAccess,ADMIN",
        "PowerUserAccess,HIGH",
        "AmazonS3FullAccess,HIGH",
        "SecretsManagerReadWrite,HIGH",
        "ReadOnlyAccess,READ",
        "AmazonS3ReadOnlyAccess,READ",
    })
    void awsManagedPoliciesAreTieredByName(String name, PrivilegeTier tier) {
        assertThat(IamPolicies.assessManaged("arn:aws:iam::aws:policy/" + name).tier())
                .isEqualTo(tier);
    }

    @Test
    void customerPoliciesAndUnknownNamesHaveNoTierByName() {
        assertThat(
                        IamPolicies.assessManaged(
                                        "arn:aws:iam::111122223333:policy/AdministratorAccess")
                                .tier())
                .isNull();
        assertThat(
                        IamPolicies.assessManaged(
                                        "arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
                                .tier())
                .isNull();
    }

    @Test
    void documentsArriveAsObjectsOrAsPlainOrUrlEncodedText() throws MalformedRecordException {
        String json =
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
        JsonNode object = Json.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(IamPolicies.document(object)).isEqualTo(object);
        assertThat(IamPolicies.document(TextNode.valueOf(json))).isEqualTo(object);
        assertThat(
                        IamPolicies.document(
                                TextNode.valueOf(URLEncoder.encode(json, StandardCharsets.UTF_8))))
                .isEqualTo(object);
        assertThatThrownBy(() -> IamPolicies.document(TextNode.valueOf("[1]")))
                .hasMessage("a policy document is not a JSON object");
    }

    @Test
    void trustPoliciesNameAccountsServicesAndProviders() throws MalformedRecordException {
        JsonNode trust =
                Json.read(
                        ("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"111122223333\","
                                        + "\"arn:aws:iam::444455556666:role/path/deployer\"],"
                                        + "\"Service\":\"lambda.amazonaws.com\"}},"
                                        + "{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
                                        + "\"arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com\"}},"
                                        + "{\"Effect\":\"Deny\",\"Principal\":\"*\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
        assertThat(IamPolicies.trustedPrincipals(trust))
                .containsExactly(
                        "arn:aws:iam::111122223333:root",
                        "arn:aws:iam::444455556666:role/deployer",
                        "lambda.amazonaws.com",
                        "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com");
    }
}
