package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.model.Attributes;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Identical uses folded into one before the keyed stages, and what is never held back. */
class UseMergerTest {

    private static final String ROLE = "arn:aws:iam::111122223333:role/batch";
    private static final long DAY = 86_400_000L;

    private static IdentityEvent use(String id, long t, String resource) {
        return IdentityEvent.of(id, t, "cloudtrail", EventKind.USED)
                .identity(ROLE)
                .consumer(new Consumer("10.0.0.7", "aws-sdk-java/2.25", null))
                .resource(resource)
                .action("s3:GetObject")
                .attribute(Attributes.REGION, "us-east-1");
    }

    private static OneInputStreamOperatorTestHarness<IdentityEvent, IdentityEvent> harness()
            throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new UseMerger());
        h.open();
        return h;
    }

    private static void send(
            OneInputStreamOperatorTestHarness<IdentityEvent, IdentityEvent> h, IdentityEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.getEventTime()));
    }

    /** The output in order: events as "id time uses first", watermarks as "watermark time". */
    private static List<String> output(
            OneInputStreamOperatorTestHarness<IdentityEvent, IdentityEvent> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark w) {
                out.add("watermark " + w.getTimestamp());
            } else {
                IdentityEvent e = (IdentityEvent) ((StreamRecord<?>) o).getValue();
                out.add(
                        e.getEventId()
                                + " "
                                + e.getEventTime()
                                + " "
                                + Uses.count(e)
                                + " "
                                + Uses.firstAt(e));
            }
        }
        return out;
    }

    @Test
    void identicalUsesOfADayAreOneEventSentBeforeTheNextWatermark() throws Exception {
        var h = harness();
        send(h, use("a", DAY + 30, "arn:aws:s3:::logs"));
        send(h, use("b", DAY + 10, "arn:aws:s3:::logs"));
        send(h, use("c", DAY + 20, "arn:aws:s3:::logs"));
        send(h, use("d", DAY + 15, "arn:aws:s3:::other"));
        // The next day's use of the same resource is another day's count.
        send(h, use("e", 2 * DAY + 1, "arn:aws:s3:::logs"));
        assertThat(output(h)).isEmpty();

        h.processWatermark(new Watermark(DAY + 5));

        assertThat(output(h))
                .containsExactly(
                        "a " + (DAY + 30) + " 3 " + (DAY + 10),
                        "d " + (DAY + 15) + " 1 " + (DAY + 15),
                        "e " + (2 * DAY + 1) + " 1 " + (2 * DAY + 1),
                        "watermark " + (DAY + 5));
        h.close();
    }

    @Test
    void usesThatDifferInAnythingButIdAndTimeStayApart() throws Exception {
        var h = harness();
        send(h, use("a", DAY, "arn:aws:s3:::logs"));
        send(
                h,
                use("b", DAY, "arn:aws:s3:::logs")
                        .attribute(Attributes.ERROR_CODE, "AccessDenied"));
        send(h, use("c", DAY, "arn:aws:s3:::logs").action("s3:PutObject"));
        IdentityEvent otherAddress = use("d", DAY, "arn:aws:s3:::logs");
        otherAddress.setConsumer(new Consumer("10.0.0.8", "aws-sdk-java/2.25", null));
        send(h, otherAddress);
        h.prepareSnapshotPreBarrier(1);
        assertThat(output(h)).hasSize(4).allSatisfy(line -> assertThat(line).contains(" 1 "));
        h.close();
    }

    @Test
    void aUseBehindTheWatermarkAndEveryOtherKindPassAtOnce() throws Exception {
        var h = harness();
        h.processWatermark(new Watermark(DAY));
        send(h, use("late", DAY - 1, "arn:aws:s3:::logs"));
        send(
                h,
                IdentityEvent.of("created", DAY + 1, "cloudtrail", EventKind.CREATED)
                        .credential("aws:access-key:AKIAQX7EXAMPLEKEY010", "AWS_ACCESS_KEY"));
        send(h, use("held", DAY + 2, "arn:aws:s3:::logs"));
        assertThat(output(h))
                .containsExactly(
                        "watermark " + DAY,
                        "late " + (DAY - 1) + " 1 " + (DAY - 1),
                        "created " + (DAY + 1) + " 1 " + (DAY + 1));

        // Nothing is held across a checkpoint.
        h.prepareSnapshotPreBarrier(1);
        assertThat(output(h)).endsWith("held " + (DAY + 2) + " 1 " + (DAY + 2));
        h.close();
    }

    @Test
    void aFullBufferIsSentOn() throws Exception {
        var h = harness();
        for (int i = 0; i < UseMerger.MAX_HELD; i++) {
            send(h, use("u" + i, DAY, "arn:aws:s3:::logs/" + i));
        }
        assertThat(output(h)).hasSize(UseMerger.MAX_HELD);
        h.close();
    }
}
