package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CredentialReportParserTest {

    private static final String FORMAT = "aws-credential-report";
    private static final String FILE = "2026-11-01T00-00-00Z-credential-report.csv";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final List<String> FIXTURE_EVENTS =
            List.of(
                    "OBSERVED identity=arn:aws:iam::111122223333:root {account=111122223333, createdAt=2019-03-11T08:15:00+00:00, identityType=root, name=<root_account>}",
                    "OBSERVED identity=arn:aws:iam::111122223333:user/release-bot {account=111122223333, createdAt=2019-04-02T10:00:00+00:00, identityType=user, name=release-bot}",
                    // An inactive key that was used before it was turned off.
                    "OBSERVED type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/release-bot {account=111122223333, createdAt=2024-01-15T12:30:05+00:00, lastUsedAction=ec2, lastUsedAt=2024-06-30T17:45:00+00:00, region=eu-central-1, slot=1, status=Inactive}",
                    "OBSERVED type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/release-bot {account=111122223333, createdAt=2025-02-03T09:10:11+00:00, lastUsedAction=sts, lastUsedAt=2026-10-31T23:05:00+00:00, region=us-west-2, slot=2, status=Active}",
                    "OBSERVED identity=arn:aws:iam::111122223333:user/audit-reader {account=111122223333, createdAt=2020-07-21T14:00:00+00:00, identityType=user, name=audit-reader}",
                    "OBSERVED type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/audit-reader {account=111122223333, createdAt=2020-07-21T14:05:12+00:00, lastUsedAction=iam, lastUsedAt=2026-09-12T06:40:00+00:00, region=us-east-1, slot=1, status=Active}",
                    "OBSERVED identity=arn:aws:iam::111122223333:user/dana {account=111122223333, createdAt=2014-05-20T16:00:00+00:00, identityType=user, name=dana}",
                    "OBSERVED identity=arn:aws:iam::111122223333:user/idle-exporter {account=111122223333, createdAt=2025-11-03T08:00:00+00:00, identityType=user, name=idle-exporter}",
                    // An active key that was never used.
                    "OBSERVED type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/idle-exporter {account=111122223333, createdAt=2025-11-03T08:01:30+00:00, slot=1, status=Active}");

    private static String fixture() {
        return new String(
                ParserHarness.resource("/fixtures/aws/credential-report.csv"),
                StandardCharsets.UTF_8);
    }

    private static ListParseOutput parse(String content) {
        return ParserHarness.parseFile(
                FORMAT, FILE, content.getBytes(StandardCharsets.UTF_8), OBSERVED_AT);
    }

    @Test
    void everyUserAndEveryKeySlotThatHoldsAKeyIsObserved() {
        assertThat(fixture()).doesNotEndWith("\n");

        ListParseOutput out = parse(fixture());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out)).containsExactlyElementsOf(FIXTURE_EVENTS);
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events()).allSatisfy(e -> assertThat(e.getCredentialId()).isNull());
        assertThat(out.events().stream().map(IdentityEvent::getEventId).distinct())
                .hasSize(out.events().size());
        assertThat(out.events().get(2).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "arn:aws:iam::111122223333:user/release-bot",
                                "slot",
                                "1",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void theApiOutputCarriesTheReportInBase64AndItsOwnTime() {
        String encoded =
                Base64.getEncoder().encodeToString(fixture().getBytes(StandardCharsets.UTF_8));
        String output =
                "{\"Content\": \""
                        + encoded
                        + "\", \"ReportFormat\": \"text/csv\","
                        + " \"GeneratedTime\": \"2026-10-31T22:00:00Z\"}";

        ListParseOutput out = parse(output);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out)).containsExactlyElementsOf(FIXTURE_EVENTS);
        assertThat(out.events())
                .allSatisfy(
                        e ->
                                assertThat(e.getEventTime())
                                        .isEqualTo(
                                                Instant.parse("2026-10-31T22:00:00Z")
                                                        .toEpochMilli()));
    }

    @Test
    void columnsAreFoundByNameInAnyOrderWithCrlfLineBreaks() {
        List<List<String>> rows = new ArrayList<>();
        for (String line : fixture().split("\n")) {
            List<String> fields = new ArrayList<>(Arrays.asList(line.split(",", -1)));
            Collections.reverse(fields);
            rows.add(fields);
        }
        String reversed =
                rows.stream().map(r -> String.join(",", r)).collect(Collectors.joining("\r\n"))
                        + "\r\n";

        assertThat(EventsText.of(parse(reversed))).containsExactlyElementsOf(FIXTURE_EVENTS);
    }

    @Test
    void quotedFieldsAndEverySentinelAreRead() {
        String report =
                """
                user,arn,user_creation_time,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date
                "ops",  "arn:aws:iam::111122223333:user/team/ops" ,2020-01-01T00:00:00+00:00,"true",2021-01-01T00:00:00+00:00,no_information,not_supported,N/A,,
                """;

        assertThat(EventsText.of(parse(report)))
                .containsExactly(
                        "OBSERVED identity=arn:aws:iam::111122223333:user/ops {account=111122223333, createdAt=2020-01-01T00:00:00+00:00, identityType=user, name=ops}",
                        "OBSERVED type=AWS_ACCESS_KEY identity=arn:aws:iam::111122223333:user/ops {account=111122223333, createdAt=2021-01-01T00:00:00+00:00, slot=1, status=Active}");
    }

    @Test
    void aReportWithoutARequiredColumnIsRejectedNamingThem() {
        String report =
                "user,arn,password_enabled,access_key_1_active,access_key_1_last_rotated\n"
                        + "alice,arn:aws:iam::111122223333:user/alice,true,false,N/A";

        ListParseOutput out = parse(report);

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the credential report has no columns user_creation_time, access_key_1_last_used_date, access_key_2_active, access_key_2_last_rotated, access_key_2_last_used_date");
        assertThat(EventsText.reasons(parse("\u0000\u0001binary,\u00ff")))
                .singleElement()
                .asString()
                .startsWith("the credential report has no columns user, arn, ");
        assertThat(EventsText.reasons(parse(" \n\r\n")))
                .containsExactly("the credential report is empty");
    }

    @Test
    void aBadRowIsRejectedAloneWithItsNumberAndColumnAndTheOthersStillCount() {
        List<String> lines = new ArrayList<>(Arrays.asList(fixture().split("\n")));
        String rootRow = lines.get(1);
        lines.set(
                2,
                "release-bot,arn:aws:iam::111122223333:user/release-bot,2019-04-02T10:00:00+00:00");
        lines.set(3, lines.get(3).replace("2020-07-21T14:05:12+00:00", "yesterday"));
        lines.set(4, lines.get(4).replace("arn:aws:iam::111122223333:user/dana", "dana"));
        lines.set(
                5,
                lines.get(5)
                        .replace(",false,N/A,N/A,N/A,N/A,false", ",maybe,N/A,N/A,N/A,N/A,false"));
        lines.add(rootRow.replace(",true,false,N/A", ",\"true,false,N/A"));

        ListParseOutput out = parse(String.join("\n", lines));

        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "row 3 of the credential report has 3 fields where its header has 22",
                        "row 4 of the credential report: the access_key_1_last_rotated column is not a time stamp",
                        "row 5 of the credential report: the arn column is not an IAM ARN",
                        "row 6 of the credential report: the access_key_2_active column is neither true nor false",
                        "row 7 of the credential report has a quoted field that is never closed");
        assertThat(EventsText.of(out)).containsExactly(FIXTURE_EVENTS.get(0));
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo(lines.get(2));
    }

    @Test
    void badApiOutputIsRejectedWithAReason() {
        assertThat(EventsText.reasons(parse("{\"Content\": \"dXNlcg==")))
                .singleElement()
                .asString()
                .startsWith("the JSON ends too early at line 1, column ");
        assertThat(EventsText.reasons(parse("{\"ReportFormat\": \"text/csv\"}")))
                .containsExactly("the get-credential-report output has no Content text");
        assertThat(EventsText.reasons(parse("{\"Content\": \"not base64!\"}")))
                .containsExactly("the Content of the get-credential-report output is not base64");
        assertThat(EventsText.reasons(parse("{\"Content\": \"\", \"ReportFormat\": \"xml\"}")))
                .containsExactly("the ReportFormat of the get-credential-report output is not CSV");
        assertThat(EventsText.reasons(parse("{\"Content\": \"dXNlcg==\", \"GeneratedTime\": 17}")))
                .containsExactly(
                        "the GeneratedTime of the get-credential-report output is not a time stamp");
    }
}
