package io.keyline.inventory;

import io.keyline.format.RawRecord;
import io.keyline.kafka.AlertTopic;
import io.keyline.kafka.KafkaInput;
import io.keyline.model.IdentityEvent;
import io.keyline.sink.IcebergSinks;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableRows;
import io.keyline.source.FileInput;
import io.keyline.source.poll.PollingSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.source.IcebergSource;
import org.apache.iceberg.flink.util.FlinkCompatibilityUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the inventory job over an input folder into an Iceberg catalog: creates missing tables,
 * wires the file source, the topology and the sinks, and executes. Embedded (a local MiniCluster)
 * unless the jar was submitted to a Flink cluster, whose environment then wins.
 */
@PublicEvolving
public final class InventoryRunner {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryRunner.class);

    /**
     * Where and how to run.
     *
     * @param checkpoints where checkpoints are written: a local folder, or a Flink file system URI
     *     ({@code s3://...}, {@code hdfs://...}) on a cluster
     * @param kafka the Kafka topics to read, or null
     * @param alerts the Kafka topic alerts also go to, or null
     * @param savepoint a savepoint or retained checkpoint to resume from, or null
     */
    public record Options(
            Path input,
            CatalogLoader catalog,
            InventorySettings settings,
            int parallelism,
            Duration watchInterval,
            Duration checkpointInterval,
            String checkpoints,
            KafkaInput.Settings kafka,
            AlertsOut alerts,
            StateBackend stateBackend,
            String savepoint,
            List<PollingSource> collectors) {

        public Options {
            collectors = List.copyOf(collectors);
        }

        /** The same, with checkpoints in a local folder and no collectors. */
        public Options(
                Path input,
                CatalogLoader catalog,
                InventorySettings settings,
                int parallelism,
                Duration watchInterval,
                Duration checkpointInterval,
                Path checkpoints,
                KafkaInput.Settings kafka,
                AlertsOut alerts,
                StateBackend stateBackend,
                String savepoint) {
            this(
                    input,
                    catalog,
                    settings,
                    parallelism,
                    watchInterval,
                    checkpointInterval,
                    checkpoints.toAbsolutePath().toUri().toString(),
                    kafka,
                    alerts,
                    stateBackend,
                    savepoint,
                    List.of());
        }

        /** Files in, tables out, state on the heap. */
        public Options(
                Path input,
                CatalogLoader catalog,
                InventorySettings settings,
                int parallelism,
                Duration watchInterval,
                Duration checkpointInterval,
                Path checkpoints) {
            this(
                    input,
                    catalog,
                    settings,
                    parallelism,
                    watchInterval,
                    checkpointInterval,
                    checkpoints,
                    null,
                    null,
                    StateBackend.HASHMAP,
                    null);
        }

        /** The same run, resumed from a savepoint or a retained checkpoint. */
        public Options resumedFrom(String path) {
            return new Options(
                    input,
                    catalog,
                    settings,
                    parallelism,
                    watchInterval,
                    checkpointInterval,
                    checkpoints,
                    kafka,
                    alerts,
                    stateBackend,
                    path,
                    collectors);
        }
    }

    /** Where the alerts also go: a Kafka topic. */
    public record AlertsOut(
            String bootstrapServers, String topic, Map<String, String> properties) {}

    /** Where keyed state lives between checkpoints. */
    public enum StateBackend {
        /** Objects on the JVM heap: fastest, bounded by the heap. */
        HASHMAP,
        /** RocksDB on local disk: state larger than the heap, incremental checkpoints. */
        ROCKSDB
    }

    /**
     * A recompute: the inventory's graph in BATCH mode over the events of {@code [from, to)}, read
     * from the {@code events} table, or parsed from the raw archives of {@code input} when it is
     * set; the derived tables are overwritten.
     */
    public record Recompute(
            Path input,
            CatalogLoader catalog,
            InventorySettings settings,
            int parallelism,
            long from,
            long to) {}

    /** The accumulator counting the records a recompute has read. */
    public static final String RECORDS_READ = "recordsRead";

    private static final String JOB_NAME = "keyline-inventory";

    private InventoryRunner() {}

    /** Runs the job and waits for it to end: a bounded run ends with its input. */
    public static JobExecutionResult run(Options options) throws Exception {
        return prepare(options).execute(JOB_NAME);
    }

    /** Starts the job and returns at once; the client cancels a continuous run. */
    public static JobClient start(Options options) throws Exception {
        return prepare(options).executeAsync(JOB_NAME);
    }

    /** Starts a recompute and returns at once; progress is the {@link #RECORDS_READ} count. */
    public static JobClient startRecompute(Recompute r) throws Exception {
        Catalog catalog = r.catalog().loadCatalog();
        KeylineTables.createMissing(catalog);
        if (catalog instanceof AutoCloseable) {
            ((AutoCloseable) catalog).close();
        }
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // A local cluster gives a batch job one slot unless told otherwise.
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, r.parallelism());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(r.parallelism());

        DataStream<IdentityEvent> events;
        if (r.input() != null) {
            DataStream<RawRecord> raw =
                    env.fromSource(
                                    FileInput.source(
                                            new org.apache.flink.core.fs.Path(r.input().toUri()),
                                            null,
                                            FileInput.DEFAULT_MAX_RECORD_BYTES,
                                            FileInput.DEFAULT_MAX_DOCUMENT_BYTES),
                                    WatermarkStrategy.noWatermarks(),
                                    "input files")
                            .uid("source-files")
                            .map(new Counted<RawRecord>())
                            .uid("records-read")
                            .name("records read");
            events =
                    raw.transform(
                                    "parse",
                                    org.apache.flink.api.common.typeinfo.Types.POJO(
                                            IdentityEvent.class),
                                    new ParseOperator(r.settings().fingerprinter))
                            .uid("parse");
        } else {
            IcebergSource<RowData> table =
                    IcebergSource.forRowData()
                            .tableLoader(
                                    TableLoader.fromCatalog(r.catalog(), KeylineTables.EVENTS.id()))
                            .streaming(false)
                            .filters(eventsBetween(r.from(), r.to()))
                            .build();
            events =
                    env.fromSource(
                                    table,
                                    WatermarkStrategy.noWatermarks(),
                                    "events table",
                                    FlinkCompatibilityUtil.toTypeInfo(
                                            FlinkSchemaUtil.convert(KeylineTables.EVENTS.schema())))
                            .uid("source-events")
                            .map(new Counted<RowData>())
                            .uid("records-read")
                            .name("records read")
                            .map(TableRows::toEvent)
                            .returns(
                                    org.apache.flink.api.common.typeinfo.Types.POJO(
                                            IdentityEvent.class))
                            .uid("events-table-rows")
                            .name("events");
        }
        InventoryStreams streams = InventoryJob.recompute(events, r.from(), r.to(), r.settings());
        IcebergSinks.overwrite(streams, r.catalog());
        LOG.info(
                "Recomputing the derived tables from {} between {} and {}, parallelism {}",
                r.input() == null ? "the events table" : r.input(),
                Instant.ofEpochMilli(r.from()),
                Instant.ofEpochMilli(r.to()),
                r.parallelism());
        return env.executeAsync("keyline-recompute");
    }

    /** The events of {@code [from, to)}, as a filter Iceberg plans the scan with. */
    public static List<Expression> eventsBetween(long from, long to) {
        return List.of(
                Expressions.greaterThanOrEqual("event_time", from * 1000),
                Expressions.lessThan("event_time", to * 1000));
    }

    /** Passes records on, counting them in the {@link #RECORDS_READ} accumulator. */
    private static final class Counted<T> extends RichMapFunction<T, T> {

        private static final long serialVersionUID = 1L;

        private transient LongCounter read;

        @Override
        public void open(OpenContext context) {
            read = new LongCounter();
            getRuntimeContext().addAccumulator(RECORDS_READ, read);
        }

        @Override
        public T map(T value) {
            read.add(1);
            return value;
        }
    }

    /** Creates missing tables and builds the job graph: source, topology, sinks. */
    private static StreamExecutionEnvironment prepare(Options options) throws Exception {
        Catalog catalog = options.catalog().loadCatalog();
        KeylineTables.createMissing(catalog);
        if (catalog instanceof AutoCloseable) {
            ((AutoCloseable) catalog).close();
        }

        StreamExecutionEnvironment env = environment(options);

        // Sources: the input folder, read once or watched, Kafka topics, and collectors.
        DataStream<RawRecord> raw = null;
        if (options.input() != null) {
            raw =
                    env.fromSource(
                                    FileInput.source(
                                            new org.apache.flink.core.fs.Path(
                                                    options.input().toUri()),
                                            options.settings().bounded
                                                    ? null
                                                    : options.watchInterval(),
                                            FileInput.DEFAULT_MAX_RECORD_BYTES,
                                            FileInput.DEFAULT_MAX_DOCUMENT_BYTES),
                                    WatermarkStrategy.noWatermarks(),
                                    "input files")
                            .uid("source-files");
        }
        if (options.kafka() != null) {
            DataStream<RawRecord> topics =
                    env.fromSource(
                                    KafkaInput.source(options.kafka()),
                                    WatermarkStrategy.noWatermarks(),
                                    "kafka topics")
                            .uid("source-kafka");
            raw = raw == null ? topics : raw.union(topics);
        }
        for (PollingSource collector : options.collectors()) {
            String name = collector.feeds().name();
            DataStream<RawRecord> collected =
                    env.fromSource(collector, WatermarkStrategy.noWatermarks(), "collector " + name)
                            .uid("source-collector-" + name);
            raw = raw == null ? collected : raw.union(collected);
        }
        if (raw == null) {
            throw new IllegalArgumentException(
                    "The job has no input: give an input folder, Kafka topics, collectors, or"
                            + " any of them together.");
        }

        // The topology, then one Iceberg sink per table.
        InventoryStreams streams = InventoryJob.build(raw, options.settings());
        int writers = options.settings().bounded ? 1 : options.parallelism();
        IcebergSinks.attach(streams, options.catalog(), writers);
        if (options.alerts() != null) {
            streams.alerts()
                    .sinkTo(
                            AlertTopic.sink(
                                    options.alerts().bootstrapServers(),
                                    options.alerts().topic(),
                                    options.alerts().properties()))
                    .uid("sink-alerts-topic")
                    .name("alerts topic");
        }

        LOG.info(
                "Running the inventory job on {}{}{} ({}), parallelism {}, {} writer(s) per table",
                options.input() == null ? "" : options.input(),
                options.kafka() == null ? "" : " topics " + options.kafka().topics().keySet(),
                options.collectors().isEmpty()
                        ? ""
                        : " collectors "
                                + options.collectors().stream().map(c -> c.feeds().name()).toList(),
                options.settings().bounded ? "bounded" : "watching for new files",
                options.parallelism(),
                writers);
        return env;
    }

    private static StreamExecutionEnvironment environment(Options options) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, options.parallelism());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        // Unaligned checkpoints can lose data with the Iceberg sink; keep them off.
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        // The job manager's memory holds at most 5 MB of state; the dedup state alone is larger.
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                options.checkpoints().contains("://")
                        ? options.checkpoints()
                        : Path.of(options.checkpoints()).toAbsolutePath().toUri().toString());
        conf.set(
                StateBackendOptions.STATE_BACKEND,
                options.stateBackend() == StateBackend.ROCKSDB ? "rocksdb" : "hashmap");
        if (options.stateBackend() == StateBackend.ROCKSDB) {
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        }
        if (options.savepoint() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, options.savepoint());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(options.parallelism());
        env.enableCheckpointing(
                options.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        return env;
    }
}
