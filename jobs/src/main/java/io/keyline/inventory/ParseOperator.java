package io.keyline.inventory;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventIds;
import io.keyline.format.Excerpts;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.IdentityEvent;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Parses raw records with the parser of their format. Events go to the main output; rejected
 * records and unreadable input go to {@link #DEAD_LETTERS} with a reason; the largest event time
 * this subtask has seen goes to {@link #CLOCK} when its input ends, so that a bounded run knows the
 * time its rules are evaluated at.
 *
 * <p>No parser error escapes: a parser that throws despite its contract costs one dead letter, not
 * the job.
 */
@Internal
public class ParseOperator extends AbstractStreamOperator<IdentityEvent>
        implements OneInputStreamOperator<RawRecord, IdentityEvent>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>(
                    "dead-letters",
                    org.apache.flink.api.common.typeinfo.Types.POJO(DeadLetter.class)) {};

    public static final OutputTag<Long> CLOCK =
            new OutputTag<>("clock", org.apache.flink.api.common.typeinfo.Types.LONG) {};

    /** The earliest event time taken as real: 2000-01-01T00:00:00Z. */
    static final long EARLIEST_EVENT_TIME = 946_684_800_000L;

    /** How far ahead of the clock an event time may be: a year, for skewed clocks. */
    static final long FUTURE_SLACK_MILLIS = 366L * 24 * 3600 * 1000;

    private final Fingerprinter fingerprinter;

    private transient Map<String, RecordParser> parsers;
    private transient Counter records;
    private transient Counter events;
    private transient Counter deadLetters;
    private transient long maxEventTime;
    private transient ParseSink sink;
    private transient Map<String, FormatCounters> byFormat;

    /** The counters of one format, under the metric group {@code format.<name>}. */
    private static final class FormatCounters {
        final Counter records;
        final Counter events;
        final Counter deadLetters;

        FormatCounters(MetricGroup group) {
            records = group.counter("rawRecords");
            events = group.counter("identityEvents");
            deadLetters = group.counter("deadLetters");
        }
    }

    public ParseOperator(Fingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    @Override
    public void open() throws Exception {
        super.open();
        parsers = new HashMap<>();
        records = getMetricGroup().counter("rawRecords");
        events = getMetricGroup().counter("identityEvents");
        deadLetters = getMetricGroup().counter("deadLetters");
        maxEventTime = Long.MIN_VALUE;
        sink = new ParseSink();
        byFormat = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<RawRecord> element) {
        RawRecord record = element.getValue();
        records.inc();
        sink.current = record;
        sink.timeRejected = false;
        sink.counters = countersOf(record.getFormat());
        sink.counters.records.inc();
        if (record.getError() != null) {
            sink.reject(record.getError(), record.getPayload());
            return;
        }
        RecordParser parser = parserFor(record.getFormat());
        if (parser == null) {
            sink.reject(
                    "no format is named '"
                            + record.getFormat()
                            + "'; the input folder's subfolders must be format names",
                    record.getPayload());
            return;
        }
        try {
            parser.parse(record, sink);
        } catch (RuntimeException e) {
            // A parser bug must not stop the job; the record is kept as a dead letter. The
            // exception's message may quote the payload, so only its type and place are logged.
            LOG.debug(
                    "Parser of {} failed on {} #{}: {} at {}",
                    record.getFormat(),
                    record.getOrigin(),
                    record.getIndex(),
                    e.getClass().getName(),
                    e.getStackTrace().length == 0 ? "an unknown place" : e.getStackTrace()[0]);
            sink.reject(
                    "the " + record.getFormat() + " parser failed: " + e.getClass().getSimpleName(),
                    record.getPayload());
        }
    }

    @Override
    public void endInput() {
        if (maxEventTime != Long.MIN_VALUE) {
            output.collect(CLOCK, new StreamRecord<>(maxEventTime));
        }
    }

    private FormatCounters countersOf(String format) {
        // A name no format has is counted under one group, not under whatever the input says.
        String name = format != null && Formats.get(format) != null ? format : "unknown";
        return byFormat.computeIfAbsent(
                name, n -> new FormatCounters(getMetricGroup().addGroup("format", n)));
    }

    private RecordParser parserFor(String format) {
        if (format == null) {
            return null;
        }
        RecordParser parser = parsers.get(format);
        if (parser == null) {
            FormatSpec spec = Formats.get(format);
            if (spec == null) {
                return null;
            }
            parser = spec.newParser(fingerprinter);
            parsers.put(format, parser);
        }
        return parser;
    }

    /** Where the parser writes: events downstream, rejections to the dead letters. */
    private final class ParseSink implements ParseOutput {

        RawRecord current;
        FormatCounters counters;

        /** True once the current record was rejected for an implausible event time. */
        boolean timeRejected;

        @Override
        public void emit(IdentityEvent event) {
            long t = event.getEventTime();
            if (t < EARLIEST_EVENT_TIME || t > System.currentTimeMillis() + FUTURE_SLACK_MILLIS) {
                // A time no real event can have (a zero, a sentinel, a typo in the year) would
                // move the watermark or stamp a credential with it: the record is a dead letter.
                if (!timeRejected) {
                    timeRejected = true;
                    reject(
                            "an event time of "
                                    + Timestamps.iso(t)
                                    + " is out of range (before 2000 or more than a year ahead)",
                            current.getPayload());
                }
                return;
            }
            events.inc();
            counters.events.inc();
            maxEventTime = Math.max(maxEventTime, event.getEventTime());
            output.collect(new StreamRecord<>(event, event.getEventTime()));
        }

        @Override
        public void reject(String reason, byte[] payload) {
            deadLetters.inc();
            counters.deadLetters.inc();
            byte[] bytes = payload == null ? new byte[0] : payload;
            DeadLetter letter = new DeadLetter();
            letter.source = current.getFormat();
            letter.origin = current.getOrigin();
            letter.recordIndex = current.getIndex();
            letter.reason = reason;
            letter.payloadSha256 = EventIds.sha256Hex(bytes);
            letter.payloadBytes = bytes.length;
            letter.excerpt = Excerpts.mask(bytes);
            letter.receivedAt = System.currentTimeMillis();
            output.collect(DEAD_LETTERS, new StreamRecord<>(letter));
        }
    }
}
