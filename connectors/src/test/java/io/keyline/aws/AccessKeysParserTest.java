package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeysParserTest {

    private static final String FORMAT = "aws-access-keys";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** The documentation placeholder secret of the create-access-key example. */
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/aws/awscli-" + name + ".json");
    }

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listedKeysUnderAnAccountFolderBelongToTheirUser() {
        ListParseOutput out =
                parse(
                        "111122223333/2026-11-01T00-00-00Z-list-access-keys.json",
                        fixture("list-access-keys"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, createdAt=2013-06-04T18:17:34Z, status=Active}",
                        "OBSERVED credential=aws:access-key:AKIAI44QH8DHBEXAMPLE type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, createdAt=2013-06-06T20:42:26Z, status=Inactive}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "aws:access-key:AKIAIOSFODNN7EXAMPLE",
                                "key",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theAccountMayBeATwelveDigitPartOfTheFileNameOrAFieldOfTheRecord() {
        assertThat(
                        parse(
                                        "2026-11-01T00-00-00Z-111122223333-list-access-keys.json",
                                        fixture("list-access-keys"))
                                .events())
                .extracting(IdentityEvent::getIdentityId)
                .containsOnly("arn:aws:iam::111122223333:user/Bob");

        String withAccount =
                "{\"Account\": \"444455556666\", \"AccessKeyMetadata\": [{\"UserName\": \"Bob\","
                        + " \"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\"}]}";
        assertThat(parse("111122223333/keys.json", withAccount).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("arn:aws:iam::444455556666:user/Bob");

        String withAccountId =
                "{\"AccountId\": \"444455556666\", \"AccessKeyMetadata\": [{\"UserName\": \"Bob\","
                        + " \"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\"}]}";
        assertThat(parse("keys.json", withAccountId).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("arn:aws:iam::444455556666:user/Bob");
    }

    @Test
    void withoutAKnownAccountAKeyKeepsOnlyItsUsersName() {
        // Neither the file name nor a folder below the format folder names an account; digits
        // inside a longer part of the name do not count.
        for (String file :
                List.of(
                        "2026-11-01T00-00-00Z-list-access-keys.json",
                        "team-a/2026-11-01T00-00-00Z-1111222233334-list-access-keys.json")) {
            assertThat(EventsText.of(parse(file, fixture("list-access-keys"))))
                    .containsExactly(
                            "OBSERVED credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY {createdAt=2013-06-04T18:17:34Z, status=Active, userName=Bob}",
                            "OBSERVED credential=aws:access-key:AKIAI44QH8DHBEXAMPLE type=AWS_ACCESS_KEY {createdAt=2013-06-06T20:42:26Z, status=Inactive, userName=Bob}");
        }
    }

    @Test
    void aCreatedKeyIsObservedAndItsSecretReachesNoOutput() {
        ListParseOutput out =
                parse(
                        "111122223333/2026-11-01T00-00-00Z-create-access-key.json",
                        fixture("create-access-key"));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=aws:access-key:AKIDPMS9RO4H3FEXAMPLE type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, createdAt=2013-06-06T20:42:26.421Z, status=Active}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(SECRET));
        assertThat(EventsText.reasons(out)).isEmpty();
    }

    @Test
    void aRejectedCreatedKeyCarriesItsSecretNeitherInTheReasonNorInThePayload() {
        String[] broken = {
            "{\"AccessKey\": {\"UserName\": \"Bob\", \"Status\": \"Active\", \"CreateDate\": 5,"
                    + " \"SecretAccessKey\": \""
                    + SECRET
                    + "\", \"AccessKeyId\": \"AKIDPMS9RO4H3FEXAMPLE\"}}",
            "{\"AccessKey\": {\"UserName\": \"Bob\", \"SecretAccessKey\": \"" + SECRET + "\"}}",
            "{\"SecretAccessKey\": \"" + SECRET + "\"}"
        };
        for (String record : broken) {
            ListParseOutput out = parse("create-access-key.json", record);

            assertThat(out.events()).isEmpty();
            assertThat(out.rejections())
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.reason()).doesNotContain(SECRET);
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .doesNotContain(SECRET);
                            });
        }
        assertThat(EventsText.reasons(parse("create-access-key.json", broken[0])))
                .containsExactly(
                        "the CreateDate of the AccessKey of a create-access-key record is not a time stamp");
    }

    @Test
    void theLastUseOfAKeyNamedByTheFileName() {
        ListParseOutput out =
                parse(
                        "111122223333/2026-11-01T00-00-00Z-AKIAIOSFODNN7EXAMPLE-last-used.json",
                        fixture("get-access-key-last-used"));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, lastUsedAction=iam, lastUsedAt=2015-06-16T22:45:00Z, region=us-east-1}");
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "aws:access-key:AKIAIOSFODNN7EXAMPLE",
                                "last-used",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void anAccessKeyIdInTheRecordWinsOverTheFileNameAndANeverUsedKeyHasNoLastUse() {
        String neverUsed =
                """
                {
                 "UserName": "Bob", "AccessKeyId": "AKIAI44QH8DHBEXAMPLE",
                 "AccessKeyLastUsed": {"ServiceName": "N/A", "Region": "N/A"}}
                """;

        assertThat(EventsText.of(parse("AKIAIOSFODNN7EXAMPLE.json", neverUsed)))
                .containsExactly(
                        "OBSERVED credential=aws:access-key:AKIAI44QH8DHBEXAMPLE type=AWS_ACCESS_KEY {userName=Bob}");
    }

    @Test
    void withoutAKeyTheLastUseCountsForTheUserOfTheAccount() {
        ListParseOutput out =
                parse(
                        "111122223333/2026-11-01T00-00-00Z-last-used.json",
                        fixture("get-access-key-last-used"));

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, identityType=user, lastUsedAction=iam, lastUsedAt=2015-06-16T22:45:00Z, name=Bob, region=us-east-1}");
    }

    @Test
    void aLastUseWithNeitherKeyNorAccountIsRejectedSayingHowToFixIt() {
        ListParseOutput out =
                parse("2026-11-01T00-00-00Z-last-used.json", fixture("get-access-key-last-used"));

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a get-access-key-last-used record names no access key and its account is unknown; add AccessKeyId to the record or put the file under a folder named after the account");
    }

    @Test
    void inputThatIsNotJsonOrNotThisOutputIsRejectedWithAReason() {
        assertThat(EventsText.reasons(parse("keys.json", "{\"AccessKeyMetadata\": [")))
                .containsExactly("the JSON ends too early at line 2, column 1");
        byte[] listing = fixture("list-access-keys");
        assertThat(EventsText.reasons(parse("keys.json", Arrays.copyOf(listing, 200))))
                .singleElement()
                .asString()
                .startsWith("the JSON ends too early at line ");
        assertThat(EventsText.reasons(parse("keys.json", "AccessKeyMetadata")))
                .containsExactly("the JSON has an unexpected token at line 1, column 18");
        for (String other : List.of("[]", "{\"Keys\": []}", "42")) {
            assertThat(EventsText.reasons(parse("keys.json", other)))
                    .containsExactly(
                            "the record is not list-access-keys, create-access-key or get-access-key-last-used output");
        }
        assertThat(
                        EventsText.reasons(
                                parse(
                                        "keys.json",
                                        "{\"AccessKeyMetadata\": {\"UserName\": \"Bob\"}}")))
                .containsExactly("the AccessKeyMetadata of the record is not an array");
        assertThat(
                        EventsText.reasons(
                                parse(
                                        "keys.json",
                                        "{\"UserName\": \"Bob\", \"AccessKeyLastUsed\": []}")))
                .containsExactly("the AccessKeyLastUsed of the record is not an object");
    }

    @Test
    void aBadKeyIsRejectedAloneAndItsSiblingsStillCount() {
        String listing =
                """
                {
                 "AccessKeyMetadata": [
                   {"UserName": "Bob", "Status": "Active", "CreateDate": 1370370000, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"},
                   {"UserName": "Bob", "Status": "Active", "AccessKeyId": "not a key id"},
                   {"UserName": "Bob", "Status": "Active"},
                   {"UserName": "Bob", "Status": "Expired", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"},
                   {"UserName": "Bob", "CreateDate": "last Tuesday", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"},
                   "AKIAIOSFODNN7EXAMPLE",
                   {"UserName": "Bob", "Status": "Inactive", "CreateDate": "2013-06-06T20:42:26Z", "AccessKeyId": "AKIAI44QH8DHBEXAMPLE"}],
                 "IsTruncated": false}
                """;

        ListParseOutput out = parse("111122223333/keys.json", listing);

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the CreateDate of an access key in AccessKeyMetadata is not a time stamp",
                        "an access key in AccessKeyMetadata has an AccessKeyId that is not an access key id",
                        "an access key in AccessKeyMetadata has no AccessKeyId",
                        "the Status of an access key in AccessKeyMetadata is neither Active nor Inactive",
                        "the CreateDate of an access key in AccessKeyMetadata is not a time stamp",
                        "an access key in AccessKeyMetadata is not an object");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=aws:access-key:AKIAI44QH8DHBEXAMPLE type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/Bob {account=111122223333, createdAt=2013-06-06T20:42:26Z, status=Inactive}");
        assertThat(new String(out.rejections().get(2).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"UserName\":\"Bob\",\"Status\":\"Active\"}");
    }

    @Test
    void aBadLastUseIsRejected() {
        assertThat(
                        EventsText.reasons(
                                parse(
                                        "111122223333/last-used.json",
                                        "{\"UserName\": \"Bob\", \"AccessKeyId\": \"bad id!\","
                                                + " \"AccessKeyLastUsed\": {}}")))
                .containsExactly(
                        "a get-access-key-last-used record has an AccessKeyId that is not an access key id");
        assertThat(
                        EventsText.reasons(
                                parse(
                                        "111122223333/last-used.json",
                                        "{\"UserName\": \"Bob\", \"AccessKeyLastUsed\":"
                                                + " {\"LastUsedDate\": \"soon\"}}")))
                .containsExactly(
                        "the LastUsedDate of the AccessKeyLastUsed of a get-access-key-last-used record is not a time stamp");
        assertThat(
                        EventsText.reasons(
                                parse(
                                        "111122223333/last-used.json",
                                        "{\"AccessKeyLastUsed\": {\"ServiceName\": \"N/A\"}}")))
                .containsExactly(
                        "a get-access-key-last-used record names neither an access key nor a user");
    }
}
