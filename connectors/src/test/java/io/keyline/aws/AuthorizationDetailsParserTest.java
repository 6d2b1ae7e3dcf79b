package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ListParseOutput;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AuthorizationDetailsParserTest {

    private static final String FORMAT = "aws-authorization-details";
    private static final String FILE = "2026-11-01T00-00-00Z-authorization-details.json";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final String ALICE = "arn:aws:iam::123456789012:user/Alice";
    private static final String CHARLIE = "arn:aws:iam::123456789012:user/Charlie";
    private static final String ADMINS = "arn:aws:iam::123456789012:group/Admins";
    private static final String ADMINISTRATOR_ACCESS =
            "arn:aws:iam::aws:policy/AdministratorAccess";

    private static byte[] fixture() {
        return ParserHarness.resource(
                "/fixtures/aws/awscli-get-account-authorization-details.json");
    }

    private static ListParseOutput parse(byte[] content) {
        return ParserHarness.parseFile(FORMAT, FILE, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String content) {
        return parse(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCliExampleYieldsEveryPrincipalWithItsGrantsAndTheirTiers() {
        ListParseOutput out = parse(fixture());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // Groups first, each with its own tier. Admins and Dev attach their policy
                        // as a single object, not an array.
                        "OBSERVED identity=arn:aws:iam::123456789012:group/Admins {account=123456789012, createdAt=2013-10-14T18:32:24Z, identityType=group, name=Admins, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:group/Admins resource=arn:aws:iam::aws:policy/AdministratorAccess {account=123456789012, privilege=admin, privilegeReason=AdministratorAccess, resources=*, snapshot=full}",
                        "OBSERVED identity=arn:aws:iam::123456789012:group/Dev {account=123456789012, createdAt=2013-10-14T18:33:55Z, identityType=group, name=Dev, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:group/Dev resource=arn:aws:iam::aws:policy/PowerUserAccess {account=123456789012, privilege=high, privilegeReason=PowerUserAccess, resources=*, snapshot=full}",
                        "OBSERVED identity=arn:aws:iam::123456789012:group/Finance {account=123456789012, createdAt=2013-10-14T18:57:48Z, identityType=group, name=Finance, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:group/Finance resource=arn:aws:iam::123456789012:group/Finance/inline-policy/policygen-201310141157 {account=123456789012, privilege=high, privilegeReason=allows aws-portal:* on every resource (full control of a service), resources=*, snapshot=full}",
                        // Alice and Bob are admins through Admins.
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Alice {account=123456789012, createdAt=2013-10-14T18:32:24Z, identityType=user, name=Alice, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Alice resource=arn:aws:iam::123456789012:group/Admins {account=123456789012, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Alice resource=arn:aws:iam::aws:policy/AdministratorAccess {account=123456789012, privilege=admin, privilegeReason=AdministratorAccess, resources=*, snapshot=full, via=arn:aws:iam::123456789012:group/Admins}",
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Bob {account=123456789012, createdAt=2013-10-14T18:32:25Z, identityType=user, name=Bob, snapshot=full}",
                        // Bob's own inline policy only denies: it allows nothing.
                        "GRANTED identity=arn:aws:iam::123456789012:user/Bob resource=arn:aws:iam::123456789012:user/Bob/inline-policy/DenyBillingAndIAMPolicy {account=123456789012, privilege=none, privilegeReason=allows nothing, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Bob resource=arn:aws:iam::123456789012:group/Admins {account=123456789012, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Bob resource=arn:aws:iam::aws:policy/AdministratorAccess {account=123456789012, privilege=admin, privilegeReason=AdministratorAccess, resources=*, snapshot=full, via=arn:aws:iam::123456789012:group/Admins}",
                        // Charlie is high through Dev.
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Charlie {account=123456789012, createdAt=2013-10-14T18:33:56Z, identityType=user, name=Charlie, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Charlie resource=arn:aws:iam::123456789012:group/Dev {account=123456789012, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Charlie resource=arn:aws:iam::aws:policy/PowerUserAccess {account=123456789012, privilege=high, privilegeReason=PowerUserAccess, resources=*, snapshot=full, via=arn:aws:iam::123456789012:group/Dev}",
                        // The role trusts EC2 and is high through two FullAccess policies; its
                        // instance profile is not mapped.
                        "OBSERVED identity=arn:aws:iam::123456789012:role/EC2role {account=123456789012, createdAt=2014-07-30T17:09:20Z, identityType=role, name=EC2role, snapshot=full}",
                        "TRUSTS identity=arn:aws:iam::123456789012:role/EC2role resource=ec2.amazonaws.com {account=123456789012, trustSource=policy}",
                        "GRANTED identity=arn:aws:iam::123456789012:role/EC2role resource=arn:aws:iam::aws:policy/AmazonS3FullAccess {account=123456789012, privilege=high, privilegeReason=AmazonS3FullAccess (full control of a service), resources=*, snapshot=full}",
                        "GRANTED identity=arn:aws:iam::123456789012:role/EC2role resource=arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess {account=123456789012, privilege=high, privilegeReason=AmazonDynamoDBFullAccess (full control of a service), resources=*, snapshot=full}");
    }

    @Test
    void eventsTakeTheListingTimeAndIdsHashedFromTheFactAndThatTime() {
        List<IdentityEvent> events = parse(fixture()).events();

        assertThat(events).allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(events).allSatisfy(e -> assertThat(e.getSource()).isEqualTo(FORMAT));
        assertThat(ids(events)).doesNotHaveDuplicates();
        assertThat(events.get(6).getEventId())
                .isEqualTo(EventIds.hashed(FORMAT, "OBSERVED", ALICE, "2026-11-01T00:00:00Z"));
        assertThat(events.get(8).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "GRANTED",
                                ALICE,
                                ADMINISTRATOR_ACCESS,
                                ADMINS,
                                "2026-11-01T00:00:00Z"));

        // A replay gives the same ids; a later listing of the same facts gives new ones.
        assertThat(ids(parse(fixture()).events())).isEqualTo(ids(events));
        assertThat(ids(ParserHarness.parseFile(FORMAT, FILE, fixture(), OBSERVED_AT + 1).events()))
                .doesNotContainAnyElementsOf(ids(events));
    }

    @Test
    void theRawApiFormWithUrlEncodedDocumentsGivesTheSameEvents() throws Exception {
        JsonNode raw = Json.read(fixture());
        urlEncodeDocuments(raw);
        assertThat(raw.toString()).contains("\"AssumeRolePolicyDocument\":\"%7B%22Version%22");

        ListParseOutput out = parse(raw.toString());

        assertThat(out.rejections()).isEmpty();
        assertThat(out.events()).isEqualTo(parse(fixture()).events());
    }

    @Test
    void managedPoliciesListedOnThePageAreTieredFromTheirDefaultVersion() throws Exception {
        JsonNode page = Json.read(fixture());
        ArrayNode attached =
                ((ObjectNode) page.get("UserDetailList").get(2))
                        .putArray("AttachedManagedPolicies");
        attached.addObject()
                .put(
                        "PolicyArn",
                        "arn:aws:iam::123456789012:policy/create-update-delete-set-managed-policies");
        attached.addObject()
                .put("PolicyArn", "arn:aws:iam::123456789012:policy/S3-read-only-specific-bucket");
        attached.addObject().put("PolicyArn", "arn:aws:iam::aws:policy/AmazonEC2FullAccess");

        assertThat(grantsOf(parse(page.toString()), CHARLIE))
                .containsEntry(
                        "arn:aws:iam::123456789012:policy/create-update-delete-set-managed-policies",
                        "{account=123456789012, privilege=admin, privilegeReason=allows iam:CreatePolicyVersion (can grant itself more through iam:CreatePolicyVersion), resources=*, snapshot=full}")
                .containsEntry(
                        "arn:aws:iam::123456789012:policy/S3-read-only-specific-bucket",
                        "{account=123456789012, privilege=read, privilegeReason=allows read-only actions such as s3:Get*, resources=arn:aws:s3:::example-bucket,arn:aws:s3:::example-bucket/*, snapshot=full}")
                // Tiered from its listed document, not from its name.
                .containsEntry(
                        "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
                        "{account=123456789012, privilege=high, privilegeReason=allows ec2:* on every resource (full control of a service), resources=*, snapshot=full}");
    }

    @Test
    void theDefaultVersionIsFoundByDefaultVersionIdWhenNoVersionIsFlagged() {
        String page =
                """
                {
                 "Policies": [{"Arn": "arn:aws:iam::123456789012:policy/p", "DefaultVersionId": "v2",
                   "PolicyVersionList": [
                     {"VersionId": "v1", "Document": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
                     {"VersionId": "v2", "Document": {"Statement": {"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}}}]}],
                 "RoleDetailList": [{"Arn": "arn:aws:iam::123456789012:role/r",
                   "AttachedManagedPolicies": [{"PolicyArn": "arn:aws:iam::123456789012:policy/p"}]}]}
                """;

        assertThat(grantsOf(parse(page), "arn:aws:iam::123456789012:role/r"))
                .containsEntry(
                        "arn:aws:iam::123456789012:policy/p",
                        "{account=123456789012, privilege=read, privilegeReason=allows read-only actions such as s3:List*, resources=*, snapshot=full}");
    }

    @Test
    void ownerTagsBecomeOwnerHintsAndARolesLastUseIsKept() {
        String page =
                """
                {
                 "RoleDetailList": [{"Arn": "arn:aws:iam::123456789012:role/service-role/deploy",
                   "RoleName": "deploy", "CreateDate": "2024-03-01T10:00:00Z",
                   "RoleLastUsed": {"LastUsedDate": "2026-10-30T08:00:00Z", "Region": "eu-west-1"},
                   "Tags": [{"Key": "Owner", "Value": "platform@example.com"}],
                   "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow",
                     "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}]}}],
                 "UserDetailList": [{"Arn": "arn:aws:iam::123456789012:user/ci",
                   "Tags": [{"Key": "owner-email", "Value": "dev@example.com"}]}]}
                """;

        assertThat(EventsText.of(parse(page)))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::123456789012:user/ci {account=123456789012, identityType=user, name=ci, snapshot=full}",
                        "OWNER_HINT identity=arn:aws:iam::123456789012:user/ci actor=dev@example.com {account=123456789012, ownerSource=tag}",
                        "OBSERVED identity=arn:aws:iam::123456789012:role/deploy {account=123456789012, createdAt=2024-03-01T10:00:00Z, identityType=role, lastUsedAt=2026-10-30T08:00:00Z, name=deploy, snapshot=full}",
                        "OWNER_HINT identity=arn:aws:iam::123456789012:role/deploy actor=platform@example.com {account=123456789012, ownerSource=tag}",
                        "TRUSTS identity=arn:aws:iam::123456789012:role/deploy resource=arn:aws:iam::444455556666:root {account=123456789012, trustSource=policy}");
    }

    @Test
    void aUserWhoseGroupIsNotOnThePageIsNotClaimedToBeListedInFull() {
        // The API pages over groups and users alike: Admins may come on another page.
        String page =
                """
                {
                 "UserDetailList": [{"Arn": "arn:aws:iam::123456789012:user/Alice", "GroupList": ["Admins"]}],
                 "IsTruncated": true, "Marker": "m"}
                """;

        assertThat(EventsText.of(parse(page)))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Alice {account=123456789012, identityType=user, name=Alice}",
                        "GRANTED identity=arn:aws:iam::123456789012:user/Alice resource=arn:aws:iam::123456789012:group/Admins {account=123456789012}");
    }

    @Test
    void pagesAsJsonLinesAreReadOneByOne() {
        String pages =
                """
                {"GroupDetailList": [{"Arn": "arn:aws:iam::123456789012:group/Admins"}], "IsTruncated": true}
                {"UserDetailList": [{"Arn": "arn:aws:iam::123456789012:user/Alice"}], "IsTruncated": false}
                """;

        assertThat(EventsText.of(parse(pages)))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::123456789012:group/Admins {account=123456789012, identityType=group, name=Admins, snapshot=full}",
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Alice {account=123456789012, identityType=user, name=Alice, snapshot=full}");
    }

    @Test
    void inputThatIsNotJsonOrNotThisOutputIsRejectedWithAReason() {
        assertThat(EventsText.reasons(parse("not json")))
                .containsExactly("the JSON has an unexpected token at line 1, column 5");
        byte[] fixture = fixture();
        assertThat(EventsText.reasons(parse(Arrays.copyOf(fixture, fixture.length / 2))))
                .singleElement()
                .asString()
                .startsWith("the JSON ends too early at line ");
        for (String other : List.of("[]", "\"UserDetailList\"", "{\"Users\": []}")) {
            ListParseOutput out = parse(other);
            assertThat(out.events()).isEmpty();
            assertThat(EventsText.reasons(out))
                    .containsExactly("the record is not get-account-authorization-details output");
        }
    }

    @Test
    void aListOfTheWrongTypeIsRejectedAndTheOtherListsStillCount() {
        String page =
                """
                {
                 "UserDetailList": "Alice", "Policies": {},
                 "GroupDetailList": [{"Arn": "arn:aws:iam::123456789012:group/Admins"}]}
                """;

        ListParseOutput out = parse(page);

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the Policies of the record is not an array",
                        "the UserDetailList of the record is not an array");
        assertThat(out.events()).extracting(IdentityEvent::getIdentityId).containsExactly(ADMINS);
    }

    @Test
    void anEntryThatCannotBeReadIsRejectedAloneWithItsOwnBytes() {
        String page =
                """
                {
                 "UserDetailList": [
                   {"UserName": "NoArn"},
                   {"Arn": "not-an-arn"},
                   {"Arn": "arn:aws:iam::123456789012:user/numeric", "CreateDate": 1381775544},
                   {"Arn": "arn:aws:iam::123456789012:user/broken",
                    "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Version%22%3A"}]},
                   {"Arn": "arn:aws:iam::123456789012:user/nameless", "UserPolicyList": [{"PolicyDocument": {}}]},
                   {"Arn": "arn:aws:iam::123456789012:user/groups", "GroupList": [7]},
                   {"Arn": "arn:aws:iam::123456789012:user/Alice"}],
                 "GroupDetailList": [{"Arn": "arn:aws:iam::123456789012:group/Admins", "GroupPolicyList": "x"}, 3],
                 "RoleDetailList": [
                   {"Arn": "arn:aws:iam::123456789012:role/a", "AttachedManagedPolicies": 7},
                   {"Arn": "arn:aws:iam::123456789012:role/b", "AssumeRolePolicyDocument": 42},
                   {"Arn": "arn:aws:iam::123456789012:role/c", "AttachedManagedPolicies": [{"PolicyName": "x"}]},
                   {"Arn": "arn:aws:iam::123456789012:role/d", "RoleLastUsed": {"LastUsedDate": "yesterday"}},
                   {"Arn": "arn:aws:iam::123456789012:role/e", "RolePolicyList": [{"PolicyName": "p", "PolicyDocument": "%zz"}]}],
                 "Policies": [
                   {"PolicyName": "x"},
                   {"Arn": "arn:aws:iam::123456789012:policy/q",
                    "PolicyVersionList": [{"IsDefaultVersion": true, "Document": "[1]"}]}]}
                """;

        ListParseOutput out = parse(page);

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a policy in Policies has no Arn",
                        "the default version document of a policy in Policies cannot be read: a policy document is not a JSON object",
                        "an entry of GroupDetailList is not an object",
                        "the GroupPolicyList of a group in GroupDetailList is not an array",
                        "a user in UserDetailList has no Arn",
                        "a user in UserDetailList has an Arn that is not an IAM ARN",
                        "the CreateDate of a user in UserDetailList is not a time stamp",
                        "the PolicyDocument of an inline policy in the UserPolicyList of a user in UserDetailList cannot be read: the JSON ends too early at line 1, column 12",
                        "an inline policy in the UserPolicyList of a user in UserDetailList has no PolicyName",
                        "the GroupList of a user in UserDetailList holds a value that is not a group name",
                        "the AttachedManagedPolicies of a role in RoleDetailList is neither an array nor an object",
                        "the AssumeRolePolicyDocument of a role in RoleDetailList cannot be read: a policy document is neither an object nor text",
                        "an attached managed policy of a role in RoleDetailList has no PolicyArn",
                        "the LastUsedDate of a role in RoleDetailList is not a time stamp",
                        "the PolicyDocument of an inline policy in the RolePolicyList of a role in RoleDetailList cannot be read: a policy document is not valid URL-encoded text");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::123456789012:user/Alice {account=123456789012, identityType=user, name=Alice, snapshot=full}");
        assertThat(new String(out.rejections().get(4).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"UserName\":\"NoArn\"}");
    }

    private static List<String> ids(List<IdentityEvent> events) {
        return events.stream().map(IdentityEvent::getEventId).collect(Collectors.toList());
    }

    /** The attributes of each grant an identity holds, by the policy or group granted. */
    private static Map<String, String> grantsOf(ListParseOutput out, String identity) {
        return out.events().stream()
                .filter(e -> e.getKind() == EventKind.GRANTED)
                .filter(e -> e.getIdentityId().equals(identity))
                .collect(
                        Collectors.toMap(
                                IdentityEvent::getResource,
                                e -> new TreeMap<>(e.getAttributes()).toString()));
    }

    /** Turns every policy document into a URL-encoded string, as the IAM API returns them. */
    private static void urlEncodeDocuments(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : Set.of("PolicyDocument", "Document", "AssumeRolePolicyDocument")) {
                JsonNode document = object.get(field);
                if (document != null && document.isObject()) {
                    String encoded = URLEncoder.encode(document.toString(), StandardCharsets.UTF_8);
                    object.set(field, new TextNode(encoded));
                }
            }
        }
        node.forEach(AuthorizationDetailsParserTest::urlEncodeDocuments);
    }
}
