package io.keyline.hr;

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

class HrPeopleParserTest {

    private static final String FORMAT = "hr-people";
    private static final long OBSERVED_AT = Instant.parse("2025-07-01T06:00:00Z").toEpochMilli();
    private static final String HEADER =
            "person_id,email,name,status,manager_email,department,end_date,aliases\n";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCsvWithABomCrlfAndQuotedFieldsIsOnePersonPerRow() {
        ListParseOutput out =
                parse("people.csv", ParserHarness.resource("/fixtures/hr/hr-people.csv"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "PERSON actor=maria.lopez@example.org {aliases=mlopez;maria.l@example.net, department=Platform Engineering, email=maria.lopez@example.org, managerEmail=ken.ito@example.org, name=Lopez, Maria, personId=E1042, personStatus=active}",
                        "PERSON actor=ken.ito@example.org {aliases=kito, department=Platform \"Core\" Engineering, email=ken.ito@example.org, endDate=2025-05-30, name=Ken Ito, personId=E0007, personStatus=departed}",
                        "PERSON actor=noor.haddad@example.org {department=Security\r\nOperations, email=noor.haddad@example.org, endDate=2026-01-31T17:00:00Z, managerEmail=maria.lopez@example.org, name=Noor Haddad, personId=E2210, personStatus=active}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(EventIds.hashed(FORMAT, "PERSON", "E1042", "2025-07-01T06:00:00Z"));
        assertThat(
                        parse("people.csv", ParserHarness.resource("/fixtures/hr/hr-people.csv"))
                                .events())
                .isEqualTo(out.events());
    }

    @Test
    void jsonLinesWithTheSameFieldsReadTheSame() {
        ListParseOutput out =
                parse("people.jsonl", ParserHarness.resource("/fixtures/hr/hr-people.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "PERSON actor=maria.lopez@example.org {aliases=mlopez;maria.l@example.net, department=Platform Engineering, email=maria.lopez@example.org, managerEmail=ken.ito@example.org, name=Maria Lopez, personId=E1042, personStatus=active}",
                        // A numeric person_id and aliases given as an array.
                        "PERSON actor=ken.ito@example.org {aliases=kito;k.ito, department=Platform Engineering, email=ken.ito@example.org, endDate=2025-05-30, name=Ken Ito, personId=7, personStatus=departed}",
                        "PERSON actor=noor.haddad@example.org {email=noor.haddad@example.org, managerEmail=maria.lopez@example.org, personId=E2210, personStatus=active}");
        // The same person gets the same id from either form.
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(EventIds.hashed(FORMAT, "PERSON", "E1042", "2025-07-01T06:00:00Z"));
    }

    @Test
    void aJsonArrayOrASinglePrettyPrintedObjectIsAccepted() {
        String array =
                "[\n  {\"person_id\": \"P1\", \"email\": \"a@example.com\", \"status\": \"Active\"},\n"
                        + "  {\"person_id\": \"P2\", \"email\": \"b@example.com\", \"status\": \"departed\","
                        + " \"end_date\": \"2025-02-28T18:00:00\"}\n]\n";
        assertThat(EventsText.of(parse("people.json", array)))
                .containsExactly(
                        "PERSON actor=a@example.com {email=a@example.com, personId=P1, personStatus=active}",
                        "PERSON actor=b@example.com {email=b@example.com, endDate=2025-02-28T18:00:00, personId=P2, personStatus=departed}");
        String object =
                "{\n  \"person_id\": \"P3\",\n  \"email\": \"c@example.com\",\n  \"status\": \"active\"\n}";
        assertThat(EventsText.of(parse("person.json", object)))
                .containsExactly(
                        "PERSON actor=c@example.com {email=c@example.com, personId=P3, personStatus=active}");
    }

    @Test
    void prettyPrintedObjectsOneAfterTheOtherCountUntilOneIsBroken() {
        String values =
                "{\n  \"person_id\": \"P1\",\n  \"email\": \"a@example.com\",\n  \"status\": \"active\"\n}\n"
                        + "{\n  \"person_id\": \"P2\",\n  \"email\": \"b@example.com\",\n  \"status\": \"departed\"\n}\n"
                        + "{\n  \"person_id\": \"P3\",\n  \"email\": \"c@example.com\"\n";
        ListParseOutput out = parse("people.json", values);
        assertThat(out.events())
                .extracting(e -> e.getActor())
                .containsExactly("a@example.com", "b@example.com");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the hr-people JSON is malformed after 2 values: the JSON ends too early at line 14, column 1");
    }

    @Test
    void anLfCsvWithATrailingNewlineAndExtraSpacesInTheHeaderReadsTheSame() {
        String csv =
                " Person_ID , email ,name,status,manager_email,department,end_date,aliases\n"
                        + "P1,A@Example.com,,ACTIVE,,,,\n";
        assertThat(EventsText.of(parse("people.csv", csv)))
                .containsExactly(
                        "PERSON actor=a@example.com {email=a@example.com, personId=P1, personStatus=active}");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "P1,a@example.com,A,retired,,,,|the status of row 2 of the hr-people CSV is neither active nor departed",
                "P1,a@example.com,A,,,,,|row 2 of the hr-people CSV has no status",
                ",a@example.com,A,active,,,,|row 2 of the hr-people CSV has no person_id",
                "P1, ,A,active,,,,|row 2 of the hr-people CSV has no email",
                "P1,alice,A,active,,,,|the email of row 2 of the hr-people CSV is not an e-mail address",
                "P1,a@example.com,A,active,boss,,,|the manager_email of row 2 of the hr-people CSV is not an e-mail address",
                "P1,a@example.com,A,departed,,,last friday,|the end_date of row 2 of the hr-people CSV is neither an ISO date nor an ISO date-time",
                "P1,a@example.com,A,departed,,,20250131,|the end_date of row 2 of the hr-people CSV is neither an ISO date nor an ISO date-time",
                "P1,a@example.com,A,active,,,|row 2 of the hr-people CSV has 7 fields where the header has 8",
                "P1,a@example.com,\"A,active,,,,|row 2 of the hr-people CSV has a quoted field that is never closed",
            })
    void aBadRowIsRejectedWithAReasonThatNamesItsColumn(String row, String reason) {
        ListParseOutput out = parse("people.csv", HEADER + row);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo(row);
    }

    @Test
    void aWrongHeaderRejectsTheFileNamingTheExpectedHeader() {
        for (String header :
                new String[] {
                    "id,email,name,status,manager_email,department,end_date,aliases\n",
                    "person_id,email,name,status\n",
                    "email,person_id,name,status,manager_email,department,end_date,aliases\n",
                    "\"person_id,email,name,status,manager_email,department,end_date,aliases\n",
                }) {
            ListParseOutput out = parse("people.csv", header + "P1,a@example.com,A,active,,,,\n");
            assertThat(out.events()).isEmpty();
            assertThat(EventsText.reasons(out))
                    .containsExactly(
                            "the hr-people CSV does not start with the header"
                                    + " person_id,email,name,status,manager_email,department,end_date,aliases");
        }
    }

    @Test
    void aBadRowCostsOnlyItselfAndARepeatedPersonIsRejected() {
        String csv =
                HEADER
                        + "P1,a@example.com,A,active,,,,\n"
                        + "P2,b@example.com,B,on leave,,,,\n"
                        + "P1,a2@example.com,A,active,,,,\n"
                        + "P3,c@example.com,C,departed,,,2025-01-31,\n";
        ListParseOutput out = parse("people.csv", csv);
        assertThat(out.events())
                .extracting(e -> e.getActor())
                .containsExactly("a@example.com", "c@example.com");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the status of row 3 of the hr-people CSV is neither active nor departed",
                        "row 4 of the hr-people CSV repeats the person_id of an earlier person");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[\"P1\"]|entry 1 of the hr-people JSON array is not a JSON object",
                "{\"person_id\":\"P1\",\"email\":\"a@example.com\",\"status\":\"gone\"}|the status of the hr-people JSON object is neither active nor departed",
                "{\"person_id\":{\"id\":1},\"email\":\"a@example.com\",\"status\":\"active\"}|the person_id of the hr-people JSON object is not a string",
                "{\"person_id\":\"P1\",\"email\":\"a@example.com\",\"status\":\"active\",\"aliases\":[1]}|the aliases of the hr-people JSON object are not all strings",
                "[{\"person_id\":\"P1\",|the hr-people JSON is malformed after 0 values: the JSON ends too early at line 1, column 20",
                "{\"email\":\"a@example.com\",\"status\":\"active\"}|the hr-people JSON object has no person_id",
            })
    void badJsonIsRejectedWithAReason(String json, String reason) {
        ListParseOutput out = parse("people.json", json);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aJsonLineThatIsNotAnObjectOrNotJsonCostsOnlyItself() {
        String lines =
                "{\"person_id\":\"P1\",\"email\":\"a@example.com\",\"status\":\"active\"}\n"
                        + "[\"P2\",\"b@example.com\"]\n"
                        + "{\"person_id\":\"P3\",\"email\":\"c@example.com\",\"status\":\"active\"\n"
                        + "\"P4\"\n"
                        + "{\"person_id\":\"P5\",\"email\":\"e@example.com\",\"status\":\"departed\"}\r\n";
        ListParseOutput out = parse("people.jsonl", lines);
        assertThat(out.events())
                .extracting(e -> e.getActor())
                .containsExactly("a@example.com", "e@example.com");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "line 2 of the hr-people JSON lines is not a JSON object",
                        "line 3 of the hr-people JSON lines is not JSON: the JSON ends too early at line 1, column 60",
                        "line 4 of the hr-people JSON lines is not a JSON object");
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("[\"P2\",\"b@example.com\"]");
    }

    @Test
    void deeplyNestedJsonIsRejectedAndOversizedTextIsCut() {
        assertThat(EventsText.reasons(parse("people.json", "[".repeat(300) + "]".repeat(300))))
                .singleElement()
                .satisfies(r -> assertThat(r).contains("the JSON is nested too deeply"));

        String name = "N".repeat(3 * 1024 * 1024);
        ListParseOutput out =
                parse("people.csv", HEADER + "P1,a@example.com," + name + ",active,,x,,\n");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .singleElement()
                .satisfies(e -> assertThat(e.attribute("name")).hasSize(256));
    }

    @Test
    void anEmptyOrBlankFileIsRejected() {
        assertThat(EventsText.reasons(parse("people.csv", "\uFEFF \n\r\n")))
                .containsExactly("the hr-people file is empty");
    }
}
