package io.keyline.inventory;

import io.keyline.format.EventIds;
import io.keyline.format.RawRecord;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The inventory topology: raw records in, one stream per table out. It takes its source as a stream
 * and returns its outputs, so the command line plugs in files or Kafka and Iceberg, and tests plug
 * in their own.
 *
 * <pre>
 * raw records
 *   -> parse (per format) ---------------------------------> dead letters
 *   -> event time (watermarks)
 *   -> drop duplicates (keyBy event id) -------------------> events
 *   -> token aliases (keyBy token hash): a GitHub fine-grained token's hash renamed to its id
 *   -> hr directory (keyBy login): owner candidates resolved to people, as PERSON events
 *   -> credential stage (keyBy credential id) -------------> credential_consumers,
 *                                                             credential_locations
 *        \-> credential records
 *   -> identity stage (keyBy identity id; identity events + credential records)
 *        -> identities, credentials, credential_reach, alerts (via the as-of gate at end of input)
 *   -> daily usage windows (keyBy credential id) ----------> usage_daily (late uses: dead letters)
 * </pre>
 */
@PublicEvolving
public final class InventoryJob {

    static final OutputTag<IdentityEvent> LATE_USES =
            new OutputTag<>("late-uses", Types.POJO(IdentityEvent.class)) {};

    private InventoryJob() {}

    public static InventoryStreams build(DataStream<RawRecord> raw, InventorySettings settings) {
        // Parse every record with its format's parser; rejects go to the dead letters.
        SingleOutputStreamOperator<IdentityEvent> parsed =
                raw.transform(
                                "parse",
                                Types.POJO(IdentityEvent.class),
                                new ParseOperator(settings.fingerprinter))
                        .uid("parse");
        return fromEvents(
                parsed,
                parsed.getSideOutput(ParseOperator.CLOCK),
                parsed.getSideOutput(ParseOperator.DEAD_LETTERS),
                settings);
    }

    /**
     * The recompute topology: events already parsed (read back from the {@code events} table, or
     * parsed from raw archives), those of {@code [from, to)} only, through the same stages. The
     * rules are evaluated as of the settings' as-of time, else the latest event in the range.
     */
    public static InventoryStreams recompute(
            DataStream<IdentityEvent> events, long from, long to, InventorySettings settings) {
        SingleOutputStreamOperator<IdentityEvent> inRange =
                events.filter(e -> e.getEventTime() >= from && e.getEventTime() < to)
                        .uid("recompute-range")
                        .name("events in range")
                        .transform("event clock", Types.POJO(IdentityEvent.class), new EventClock())
                        .uid("event-clock");
        return fromEvents(inRange, inRange.getSideOutput(ParseOperator.CLOCK), null, settings);
    }

    /**
     * Everything after parsing: event time, duplicates, the keyed stages and the rules. {@code
     * clock} carries the latest event time of each input subtask at its end; {@code rejected} the
     * dead letters of parsing, or null.
     */
    private static InventoryStreams fromEvents(
            DataStream<IdentityEvent> parsed,
            DataStream<Long> clock,
            DataStream<DeadLetter> rejected,
            InventorySettings settings) {
        // Event time: none until the end in a bounded run, bounded out-of-orderness otherwise.
        DataStream<IdentityEvent> timed =
                parsed.assignTimestampsAndWatermarks(watermarks(settings))
                        .uid("event-time")
                        .name("event time");

        // Drop events already seen (replays, overlapping exports).
        SingleOutputStreamOperator<IdentityEvent> events =
                timed.keyBy(IdentityEvent::getEventId, Types.STRING)
                        .process(new DeduplicateFunction(settings))
                        .uid("dedup")
                        .name("drop duplicates");

        // Identical uses folded into one, so that a busy identity does not pin one subtask.
        DataStream<IdentityEvent> folded =
                events.transform("merge uses", Types.POJO(IdentityEvent.class), new UseMerger())
                        .uid("merge-uses");

        // One id per GitHub fine-grained token, whether named by its hash or by its token id.
        DataStream<IdentityEvent> renamed =
                folded.filter(TokenAliases::applies)
                        .uid("token-hash-events")
                        .name("token hash events")
                        .keyBy(IdentityEvent::getCredentialId, Types.STRING)
                        .process(new TokenAliases(settings))
                        .uid("token-aliases")
                        .name("token aliases");
        DataStream<IdentityEvent> resolved =
                folded.filter(e -> !TokenAliases.applies(e))
                        .uid("other-events")
                        .name("other events")
                        .union(renamed);

        // The HR directory: resolves candidate owners to people, keyed by login.
        DataStream<IdentityEvent> people =
                resolved.flatMap(new DirectoryKeys())
                        .returns(Types.POJO(IdentityEvent.class))
                        .uid("directory-keys")
                        .name("directory keys")
                        .keyBy(IdentityEvent::getActor, Types.STRING)
                        .process(new DirectoryFunction())
                        .uid("directory")
                        .name("hr directory");
        DataStream<IdentityEvent> facts = resolved.union(people);

        // The credential stage: everything about one credential.
        SingleOutputStreamOperator<CredentialRecord> credentialRecords =
                facts.filter(e -> e.getCredentialId() != null)
                        .uid("credential-events")
                        .name("credential events")
                        .keyBy(IdentityEvent::getCredentialId, Types.STRING)
                        .transform(
                                "credential lineage",
                                TypeInformation.of(CredentialRecord.class),
                                new FlushingProcessOperator<>(
                                        new CredentialFunction(settings), !settings.bounded))
                        .uid("credential-lineage")
                        .name("credential lineage");

        // The identity stage: privilege, owner, rules; writes identities and credentials.
        SingleOutputStreamOperator<IdentityRecord> identities =
                facts.filter(e -> e.getCredentialId() == null && e.getIdentityId() != null)
                        .uid("identity-events")
                        .name("identity events")
                        .keyBy(IdentityEvent::getIdentityId, Types.STRING)
                        .connect(credentialRecords.keyBy(InventoryJob::identityKey, Types.STRING))
                        .transform(
                                "identity and rules",
                                TypeInformation.of(IdentityRecord.class),
                                new FlushingCoProcessOperator<>(
                                        new IdentityFunction(settings), !settings.bounded))
                        .uid("identity")
                        .name("identity and rules");

        // Alerts of the end of input wait for the as-of time; the others pass straight on.
        DataStream<AlertRecord> endOfInputAlerts =
                identities
                        .getSideOutput(IdentityFunction.ALERTS_AT_END)
                        .connect(clock)
                        .transform(
                                "as-of gate",
                                Types.POJO(AlertRecord.class),
                                new AsOfGate(settings.asOf))
                        .uid("as-of-gate")
                        .setParallelism(1)
                        .setMaxParallelism(1);
        DataStream<AlertRecord> alerts =
                identities.getSideOutput(IdentityFunction.ALERTS).union(endOfInputAlerts);

        // Daily usage per credential.
        SingleOutputStreamOperator<UsageRecord> usage =
                resolved.filter(e -> e.getKind() == EventKind.USED && e.getCredentialId() != null)
                        .uid("usage-events")
                        .name("usage events")
                        .keyBy(IdentityEvent::getCredentialId, Types.STRING)
                        .window(new EventDays())
                        .sideOutputLateData(LATE_USES)
                        .aggregate(new UsageAggregate(), new UsageWindowFunction())
                        .uid("usage-daily")
                        .name("daily usage");

        DataStream<DeadLetter> late =
                usage.getSideOutput(LATE_USES)
                        .map(new LateUses())
                        .returns(Types.POJO(DeadLetter.class))
                        .uid("late-uses")
                        .name("late uses");

        return new InventoryStreams(
                events,
                identities.getSideOutput(IdentityFunction.CREDENTIALS),
                identities,
                credentialRecords.getSideOutput(CredentialFunction.CONSUMERS),
                credentialRecords.getSideOutput(CredentialFunction.LOCATIONS),
                identities.getSideOutput(IdentityFunction.REACH),
                usage,
                alerts,
                rejected == null ? late : rejected.union(late));
    }

    /** The prefix of the stand-in identity key of a credential whose identity is unknown. */
    static final String UNKNOWN_IDENTITY_PREFIX = "unknown:";

    /** The identity key of a credential record; a credential of unknown identity stands alone. */
    static String identityKey(CredentialRecord c) {
        return c.identityId != null ? c.identityId : UNKNOWN_IDENTITY_PREFIX + c.credentialId;
    }

    private static WatermarkStrategy<IdentityEvent> watermarks(InventorySettings settings) {
        WatermarkStrategy<IdentityEvent> strategy =
                settings.bounded
                        ? WatermarkStrategy.noWatermarks()
                        : WatermarkStrategy.<IdentityEvent>forBoundedOutOfOrderness(
                                        settings.outOfOrderness)
                                .withIdleness(settings.idleness);
        return strategy.withTimestampAssigner((event, previous) -> event.getEventTime());
    }

    /** A use that missed its day's window, as a dead letter; counted as {@code lateEvents}. */
    private static final class LateUses extends RichMapFunction<IdentityEvent, DeadLetter> {

        private static final long serialVersionUID = 1L;

        private transient Counter late;

        @Override
        public void open(OpenContext context) {
            late = getRuntimeContext().getMetricGroup().counter("lateEvents");
        }

        @Override
        public DeadLetter map(IdentityEvent event) {
            late.inc();
            return lateDeadLetter(event);
        }
    }

    private static DeadLetter lateDeadLetter(IdentityEvent event) {
        DeadLetter letter = new DeadLetter();
        letter.source = event.getSource();
        letter.origin = event.getEventId();
        letter.reason = "late: the use arrived after its day was closed by the watermark";
        letter.payloadSha256 = EventIds.sha256Hex(event.getEventId());
        letter.excerpt = "";
        letter.receivedAt = System.currentTimeMillis();
        return letter;
    }
}
