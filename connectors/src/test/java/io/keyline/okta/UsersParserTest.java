package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsersParserTest {

    private static final String FORMAT = "okta-users";
    private static final long OBSERVED_AT = Instant.parse("2025-07-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void peopleArePersonsAndServiceUsersAreIdentitiesWithAnOwnerInstead() {
        ListParseOutput out =
                parse(
                        "acme/2025-07-01-users.json",
                        ParserHarness.resource("/fixtures/okta/users.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "PERSON actor=maria.lopez@example.org {aliases=maria.l@example.net, department=Platform Engineering, email=maria.lopez@example.org, managerEmail=ken.ito@example.org, name=Maria Lopez, personId=E1042, personStatus=active}",
                        // Deprovisioned: departed since its status changed; a login that is not
                        // the address is an alias.
                        "PERSON actor=ken.ito@example.org {aliases=kito, department=Platform Engineering, email=ken.ito@example.org, endDate=2025-05-30T17:00:00.000Z, name=Ken Ito, personId=E0007, personStatus=departed}",
                        // A service user by its login, owned by its manager.
                        "OBSERVED identity=okta:user:svc-reports@example.org {account=acme, createdAt=2023-09-15T14:30:00.000Z, identityType=service-user, name=svc-reports@example.org}",
                        "OWNER_HINT identity=okta:user:svc-reports@example.org actor=maria.lopez@example.org {account=acme, ownerSource=tag}",
                        // A service user by its userType, owned by its owner field first.
                        "OBSERVED identity=okta:user:etl-loader@example.org {account=acme, createdAt=2022-01-20T10:00:00.000Z, identityType=service-user, name=etl-loader@example.org}",
                        "OWNER_HINT identity=okta:user:etl-loader@example.org actor=data-team@example.org {account=acme, ownerSource=tag}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "PERSON",
                                "user",
                                "00u7kq2rbwXtYp3Lm5d1",
                                "2025-07-01T00:00:00Z"));
        assertThat(out.events()).extracting(e -> e.getEventId()).doesNotHaveDuplicates();
    }

    @Test
    void oneUserPerLineWithAManagerNameThatIsNotAnAddress() {
        String line =
                "{\"id\":\"00u1\",\"status\":\"LOCKED_OUT\",\"profile\":{\"login\":\"jo\",\"email\":null,"
                        + "\"firstName\":\"Jo\",\"lastName\":null,\"manager\":\"Ken Ito\"}}\n"
                        + "{\"id\":\"00u2\",\"status\":\"staged\",\"profile\":{\"email\":\"Bot-Feed@Example.com\"}}\n";
        assertThat(EventsText.of(parse("users.jsonl", line)))
                .containsExactly(
                        "PERSON actor=jo {email=jo, name=Jo, personId=00u1, personStatus=active}",
                        "OBSERVED identity=okta:user:bot-feed@example.com {account=okta, identityType=service-user, name=bot-feed@example.com}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"status\":|the JSON ends too early at line 2, column 1",
                "true|the record is neither an Okta user nor an array of them",
                "[[]]|a user of the Okta user listing is not a JSON object",
                "[{\"id\":\"00u1\",\"status\":\"ACTIVE\"}]|a user of the Okta user listing has no profile object",
                "[{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":\"jo\"}]|a user of the Okta user listing has no profile object",
                "[{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":{}}]|a user of the Okta user listing has neither an email nor a login",
                "[{\"status\":\"ACTIVE\",\"profile\":{\"email\":\"a@example.com\"}}]|a user of the Okta user listing has neither an id nor an employeeNumber",
                "[{\"id\":\"00u1\",\"profile\":{\"email\":\"a@example.com\"}}]|a user of the Okta user listing has no status",
                "[{\"id\":\"00u1\",\"status\":\"RETIRED\",\"profile\":{\"email\":\"a@example.com\"}}]|the status of a user of the Okta user listing is not an Okta status",
                "[{\"id\":\"00u1\",\"status\":\"SUSPENDED\",\"statusChanged\":\"soon\",\"profile\":{\"email\":\"a@example.com\"}}]|the statusChanged of a user of the Okta user listing is not a time stamp",
                "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission\"}|the record is an Okta API error response, not a listing",
            })
    void brokenListingsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse("acme/bad.json", record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadUserCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "acme/users.json",
                        "[{\"id\":\"00u1\",\"status\":\"ACTIVE\",\"profile\":{\"email\":\"a@example.com\"}},"
                                + "{\"id\":\"00u2\",\"status\":7,\"profile\":{\"email\":\"b@example.com\"}},"
                                + "{\"id\":\"00u3\",\"status\":\"ACTIVE\",\"profile\":{\"email\":\"c@example.com\"}}]");
        assertThat(out.events())
                .extracting(e -> e.getActor())
                .containsExactly("a@example.com", "c@example.com");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .contains("00u2"));
    }

    @Test
    void deeplyNestedInputIsRejected() {
        ListParseOutput out = parse("acme/deep.json", "[".repeat(300) + "]".repeat(300));
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("the JSON is nested too deeply"));
    }
}
