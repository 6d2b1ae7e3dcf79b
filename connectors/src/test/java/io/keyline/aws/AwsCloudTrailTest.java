package io.keyline.aws;

import static io.keyline.aws.AwsCollectorHarness.B;
import static io.keyline.aws.AwsCollectorHarness.CLOCK;
import static io.keyline.aws.AwsCollectorHarness.PATIENCE;
import static io.keyline.aws.AwsCollectorHarness.collector;
import static io.keyline.aws.AwsCollectorHarness.deadLetters;
import static io.keyline.aws.AwsCollectorHarness.events;
import static io.keyline.aws.AwsCollectorHarness.read;
import static io.keyline.aws.AwsCollectorHarness.streams;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudTrail's log files through the real AWS SDK against {@link FakeAws}: walked in the trail's
 * bucket by key from the day of {@code since}, with a restart in the middle of the walk; or
 * announced by S3 notifications in a queue, whose messages are deleted only once the checkpoint
 * that holds their files has completed.
 */
class AwsCloudTrailTest {

    private static final String PREFIX = "org-trail/";
    private static final String TRAIL_STREAM = "cloudtrail/" + B + "/us-east-1";

    private FakeAws fake;
    private List<FakeTrail.Delivery> files;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeAws().account(B);
        fake.trail().deliverAll(PREFIX);
        files = FakeTrail.deliveries(PREFIX);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    /** The events of delivery files, read as files are. */
    private static List<IdentityEvent> exported(List<FakeTrail.Delivery> files) {
        List<IdentityEvent> events = new ArrayList<>();
        for (FakeTrail.Delivery d : files) {
            var out = ParserHarness.parseFile("cloudtrail", d.key(), d.content(), CLOCK.millis());
            assertThat(out.rejections()).isEmpty();
            events.addAll(out.events());
        }
        return events;
    }

    private AwsCollector walker(String pageSize) {
        return collector(
                fake,
                "accounts",
                B,
                "cloudtrail-bucket",
                FakeTrail.BUCKET,
                "cloudtrail-prefix",
                PREFIX,
                "page-size",
                pageSize);
    }

    @Test
    void theTrailsFilesAreWalkedInKeyOrderFromTheDayOfSinceOnceTheyHaveSettled() throws Exception {
        fake.throttle("s3:ListBucket", 1).throttle("s3:GetObject", 1);
        AwsCollector c = walker("2");
        List<RawRecord> records = read(c, streams(c, id -> id.equals(TRAIL_STREAM)));

        // The files of 2026-11-01 old enough at midnight: not that of the day before, nor the
        // one delivered two minutes ago.
        assertThat(deadLetters(records)).isEmpty();
        assertThat(origins(records))
                .containsExactly(origin(files.get(1)), origin(files.get(2)), origin(files.get(3)));
        assertThat(events(records))
                .containsExactlyInAnyOrderElementsOf(exported(files.subList(1, 4)));
        List<FakeAws.Call> listings = fake.calls("s3:ListBucket");
        assertThat(listings.get(0).params())
                .containsEntry("prefix", PREFIX + "AWSLogs/" + B + "/CloudTrail/us-east-1/")
                .containsEntry(
                        "start-after", PREFIX + "AWSLogs/" + B + "/CloudTrail/us-east-1/2026/11/01")
                .containsEntry("max-keys", "2");
        // The throttled listing was asked again, then the walk went on after the last key.
        assertThat(listings).hasSize(3);
        assertThat(listings.get(2).params()).containsEntry("start-after", files.get(2).key());
        assertThat(listings)
                .allSatisfy(call -> assertThat(call.keyId()).isEqualTo(FakeAws.BASE_KEY_ID));
    }

    /** The files the records came from, in order. */
    private static List<String> origins(List<RawRecord> records) {
        return records.stream().map(RawRecord::getOrigin).distinct().toList();
    }

    private static String origin(FakeTrail.Delivery d) {
        return "collector:/cloudtrail/" + B + "/" + FakeTrail.BUCKET + "/" + d.key();
    }

    @Test
    void aRestartInTheMiddleOfTheWalkResumesAfterTheCheckpointedFile() throws Exception {
        AwsCollector c = walker("1");
        List<PollSplit> trail = streams(c, id -> id.equals(TRAIL_STREAM));
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(trail).noMoreSplits();
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(state.get(0).cursor()).isEqualTo(files.get(1).key());
        int listed = fake.calls("s3:ListBucket").size();

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        assertThat(fake.calls("s3:ListBucket").get(listed).params())
                .containsEntry("start-after", files.get(1).key());
        List<RawRecord> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(origins(all))
                .containsExactly(origin(files.get(1)), origin(files.get(2)), origin(files.get(3)));
        assertThat(events(all)).containsExactlyInAnyOrderElementsOf(exported(files.subList(1, 4)));
    }

    @Test
    void queuedNotificationsAreDeletedOnlyOnceTheCheckpointHoldingTheirFilesCompleted()
            throws Exception {
        String digest = "AWSLogs/" + B + "/CloudTrail-Digest/us-east-1/2026/11/01/digest.json.gz";
        fake.trail()
                .send(FakeTrail.notification(files.get(1).key()))
                .send(
                        "{\"Type\":\"Notification\",\"MessageId\":\"5b0c\",\"TopicArn\":"
                                + "\"arn:aws:sns:us-east-1:"
                                + B
                                + ":trail\",\"Message\":"
                                + io.keyline.format.Json.MAPPER.writeValueAsString(
                                        FakeTrail.notification(files.get(2).key()))
                                + "}")
                .send(
                        "{\"s3Bucket\":\""
                                + FakeTrail.BUCKET
                                + "\",\"s3ObjectKey\":[\""
                                + files.get(4).key()
                                + "\"]}")
                .send(
                        "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\""
                                + FakeTrail.BUCKET
                                + "\"}")
                .send(FakeTrail.notification(digest));
        AwsCollector c =
                collector(fake, "accounts", B, "cloudtrail-queue-url", fake.trail().queueUrl());
        List<PollSplit> queue = streams(c, id -> id.startsWith("cloudtrail/"));
        assertThat(queue)
                .extracting(PollSplit::splitId)
                .containsExactly("cloudtrail/queue/keyline-trail-notifications");

        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(queue).noMoreSplits();
            List<RawRecord> records = h.pollToEnd(PATIENCE);

            // The announced log files, whatever the envelope; a queue has no settling delay.
            assertThat(events(records))
                    .containsExactlyInAnyOrderElementsOf(
                            exported(List.of(files.get(1), files.get(2), files.get(4))));
            assertThat(fake.trail().inFlight()).hasSize(5);

            // Emitted is not enough, nor is a checkpoint taken: only a completed one deletes.
            Thread.sleep(200);
            assertThat(fake.trail().deleted()).isEmpty();
            h.checkpoint(1);
            Thread.sleep(200);
            assertThat(fake.trail().deleted()).isEmpty();
            h.completed(1);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (fake.trail().deleted().size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(fake.trail().inFlight()).isEmpty();
            assertThat(fake.trail().deleted()).hasSize(5);
        }
        // SDK 2.59 speaks JSON 1.0 to SQS.
        assertThat(fake.calls("sqs:ReceiveMessage"))
                .allSatisfy(
                        call -> {
                            assertThat(call.params().get("Body"))
                                    .contains("\"VisibilityTimeout\":900");
                            assertThat(call.params().get("Content-Type"))
                                    .isEqualTo("application/x-amz-json-1.0");
                        });
    }
}
