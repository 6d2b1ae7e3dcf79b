package io.keyline.aws;

import static io.keyline.source.ParserHarness.parseFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.Excerpts;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CloudTrail input that is broken on purpose: every case is a rejection with a reason. */
class CloudTrailHostileInputTest {

    private static final String GOOD =
            "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"GetCallerIdentity\","
                    + "\"eventSource\":\"sts.amazonaws.com\",\"eventID\":\"good-1\","
                    + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::444455556666:user/u\","
                    + "\"accountId\":\"444455556666\",\"accessKeyId\":\"AKIAQX7EXAMPLEKEY002\",\"userName\":\"u\"}}";

    private static ListParseOutput parse(String text) {
        return parseFile("cloudtrail", "bad.json", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"Records\":[{\"eventTime\":|the JSON ends too early at line 2, column 1",
                "{\"eventTime\": 2025-01-01}|the JSON has an unexpected token at line 1, column 20",
                "[\"x\"]|a CloudTrail event is not a JSON object",
                "{\"Records\":{\"eventTime\":\"x\"}}|the Records field of a CloudTrail file is not an array",
                "{\"eventName\":\"ListUsers\",\"userIdentity\":{}}|a CloudTrail event has no eventTime",
                "{\"eventTime\":1735689600,\"eventName\":\"X\",\"userIdentity\":{}}|the eventTime of a CloudTrail event is not a string",
                "{\"eventTime\":\"yesterday\",\"eventName\":\"X\",\"userIdentity\":{}}|the eventTime of a CloudTrail event is not a time stamp",
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"userIdentity\":{}}|a CloudTrail event has no eventName",
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"X\"}|a CloudTrail event has no userIdentity",
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"X\",\"userIdentity\":\"root\"}|the userIdentity of a CloudTrail event is not an object",
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"X\",\"userIdentity\":{},\"requestParameters\":\"a=b\"}|the requestParameters of a CloudTrail event is not an object",
                "{\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":\"x\"}|an EventBridge envelope has no detail object",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void aBadEventInADeliveryFileCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "{\"Records\":["
                                + GOOD
                                + ",{\"eventTime\":42},"
                                + GOOD.replace("good-1", "good-2")
                                + "]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("cloudtrail:good-1", "cloudtrail:good-2");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the eventTime of a CloudTrail event is not a string");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("{\"eventTime\":42}");
                        });
    }

    @Test
    void aKeyChangeWithoutAKeyIdIsRejectedButTheCallStillCounts() {
        ListParseOutput out =
                parse(
                        GOOD.replace("GetCallerIdentity", "DeleteAccessKey")
                                .replace("}}", "},\"requestParameters\":{\"userName\":\"u\"}}"));
        assertThat(out.events()).hasSize(1);
        assertThat(out.rejections())
                .extracting(r -> r.reason())
                .containsExactly(
                        "a DeleteAccessKey event names no access key id in its requestParameters");
    }

    @Test
    void aTenMegabyteRecordParsesAndItsFreeTextIsClipped() {
        String huge = "x".repeat(10 * 1024 * 1024);
        ListParseOutput out =
                parse(GOOD.replace("\"eventID\"", "\"userAgent\":\"" + huge + "\",\"eventID\""));
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getConsumer().getUserAgent()).hasSize(512));
    }

    @Test
    void aTenMegabyteBrokenRecordIsRejectedWithABoundedMaskedExcerpt() {
        String huge = "{\"eventTime\":\"" + "A".repeat(10 * 1024 * 1024);
        ListParseOutput out = parse(huge);
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .startsWith(
                                            "a JSON string is not closed or holds a raw control character");
                            assertThat(Excerpts.mask(r.payload()))
                                    .hasSizeLessThanOrEqualTo(Excerpts.MAX_LENGTH)
                                    .doesNotContain("AAAAAA");
                        });
    }

    @Test
    void rejectionReasonsQuoteNothingFromThePayload() {
        ListParseOutput out =
                parse(
                        "{\"eventTime\":\"SECRET-VALUE-123\",\"eventName\":\"X\",\"userIdentity\":{}}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).doesNotContain("SECRET-VALUE-123"));
    }
}
