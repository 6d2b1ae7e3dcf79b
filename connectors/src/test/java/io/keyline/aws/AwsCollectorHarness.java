package io.keyline.aws;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.Formats;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What the AWS collector's tests share: the collector configured against a {@link FakeAws} with the
 * fake's base key as static credentials, a bounded reader over some of its streams, and the events
 * the existing parsers make of what it emitted.
 */
final class AwsCollectorHarness {

    static final String A = "111122223333";
    static final String B = "444455556666";
    static final Duration PATIENCE = Duration.ofSeconds(40);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);

    private AwsCollectorHarness() {}

    /** The collector: accounts A and B by the fake's role, two regions, pages of two. */
    static AwsCollector collector(FakeAws fake, String... extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("accounts", A + "," + B);
        settings.put("role-name", FakeAws.ROLE);
        settings.put("regions", FakeSecrets.REGION + ",us-east-1");
        settings.put("endpoint-url", fake.url().toString());
        settings.put("page-size", "2");
        settings.put("since", "2026-11-01");
        for (int i = 0; i < extra.length; i += 2) {
            if (extra[i + 1] == null) {
                settings.remove(extra[i]);
            } else {
                settings.put(extra[i], extra[i + 1]);
            }
        }
        return AwsCollector.of(new CollectorSettings("aws", settings), CLOCK)
                .withCredentials(
                        () ->
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                FakeAws.BASE_KEY_ID, FakeAws.BASE_SECRET)));
    }

    /** The collector's streams whose ids match. */
    static List<PollSplit> streams(AwsCollector c, Predicate<String> id) throws Exception {
        return c.splits().stream().filter(s -> id.test(s.splitId())).toList();
    }

    /** Reads the streams to their end, bounded; what was emitted. */
    static List<RawRecord> read(AwsCollector c, List<PollSplit> streams) throws Exception {
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(streams).noMoreSplits();
            return h.pollToEnd(PATIENCE);
        }
    }

    /** The events the parsers of the records' formats make of them; rejections fail. */
    static List<IdentityEvent> events(List<RawRecord> records) {
        List<IdentityEvent> events = new ArrayList<>();
        for (RawRecord r : records) {
            if (r.getError() != null) {
                throw new AssertionError("a dead letter: " + r.getError());
            }
            ListParseOutput out = new ListParseOutput();
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
            if (!out.rejections().isEmpty()) {
                throw new AssertionError(
                        r.getFormat() + " rejected: " + out.rejections().get(0).reason());
            }
            events.addAll(out.events());
        }
        return events;
    }

    /** The dead letters among the records: their reasons. */
    static List<String> deadLetters(List<RawRecord> records) {
        return records.stream().map(RawRecord::getError).filter(e -> e != null).toList();
    }
}
