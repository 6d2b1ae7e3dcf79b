package io.keyline.cli;

import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.kafka.KafkaInput;
import io.keyline.source.Formats;
import io.keyline.source.poll.Collectors;
import io.keyline.source.poll.PollingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keyline run}: the inventory job over an input folder, into the Iceberg tables. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the inventory job over an input folder whose subfolders are named after formats"
                    + " (cloudtrail/, aws-authorization-details/, aws-access-keys/, aws-credential-report/),"
                    + " writing the Iceberg tables of the namespace 'keyline'.",
            "Without --bounded the folder is watched for new files until the job is stopped.",
            "Kafka topics (--kafka-topic) are read with the folder or instead of it; with --bounded,"
                    + " up to the offsets that were the latest when the run began."
        })
public class RunCommand implements Callable<Integer> {

    /** Seconds between checkpoints of a continuous run, when not set. */
    static final int CHECKPOINT_SECONDS = 10;

    /**
     * Seconds between checkpoints of a bounded run, when not set: it writes its derived tables
     * once, at the end, so its checkpoints serve recovery only, and each one copies its whole state
     * (every event id it has seen, among the rest).
     */
    static final int BOUNDED_CHECKPOINT_SECONDS = 300;

    @Spec CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "A properties file of settings: the long names of these options as keys (input=..., kafka-bootstrap=...), kafka-property.<name> for Kafka client properties, ${env:NAME} and ${file:PATH} for secrets. Flags override it.")
    Path config;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "The input folder (and/or Kafka topics, below).")
    Path input;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "SERVERS",
            description =
                    "Kafka bootstrap servers (host:port,...), for --kafka-topic and --alerts-topic.")
    String kafkaBootstrap;

    @Option(
            names = "--kafka-topic",
            paramLabel = "TOPIC=FORMAT",
            split = ",",
            description =
                    "A Kafka topic to read and the format its messages are in (e.g. aws.cloudtrail=cloudtrail); repeat or separate with commas.")
    Map<String, String> kafkaTopics = new LinkedHashMap<>();

    @Option(
            names = "--kafka-group",
            paramLabel = "ID",
            description =
                    "The consumer group the offsets are committed to. Default: ${DEFAULT-VALUE}")
    String kafkaGroup = "keyline-inventory";

    @Option(
            names = "--kafka-start",
            paramLabel = "WHERE",
            description =
                    "Where to start reading without a checkpoint: committed (the group's offsets, else the earliest), earliest or latest. Default: ${DEFAULT-VALUE}")
    String kafkaStart = "committed";

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "A Kafka client property for the consumer and the producer (security.protocol=SASL_SSL...); repeatable.")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();

    @Option(
            names = "--collect",
            paramLabel = "COLLECTOR.SETTING=VALUE",
            description =
                    "A collector's setting (okta.url=https://acme.okta.com...), as collect.<collector>.<setting> in the settings file; repeatable. Collectors: okta, aws, gcp-pubsub, gcp, github, k8s, azure-eventhubs, azure-graph.")
    Map<String, String> collect = new LinkedHashMap<>();

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            description =
                    "Also send every alert as JSON to this Kafka topic, keyed by credential id.")
    String alertsTopic;

    @Option(
            names = "--state-backend",
            paramLabel = "KIND",
            description =
                    "Where keyed state lives: hashmap (the heap) or rocksdb (local disk, for state larger than the heap; incremental checkpoints). Default: ${DEFAULT-VALUE}")
    String stateBackend = "hashmap";

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Resume from this savepoint (or retained checkpoint), as after a stop-with-savepoint or an upgrade.")
    String fromSavepoint;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Where checkpoints are written: a folder, or a Flink file system URI (s3://..., hdfs://...) on a cluster. Default: checkpoints/ in the data folder.")
    String checkpointDir;

    @Option(names = "--bounded", description = "Read the input once, evaluate the rules, and stop.")
    boolean bounded;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description =
                    "Evaluate the rules of a bounded run as of this time (ISO-8601 or a date). Default: the latest event time in the input.")
    String asOf;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job. Default: the number of cores.")
    Integer parallelism;

    @Option(
            names = "--watch-interval",
            paramLabel = "SECONDS",
            description =
                    "How often a continuous run looks for new files. Default: ${DEFAULT-VALUE}")
    int watchSeconds = 10;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "SECONDS",
            description =
                    "Checkpoint interval; the tables are committed once per checkpoint. Default: 10, and 300 for a bounded run (which writes its derived tables once, at the end).")
    Integer checkpointSeconds;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "MINUTES",
            description =
                    "How far behind the latest event time the watermark trails: an event at most this late still counts in its day's usage. Default: ${DEFAULT-VALUE}")
    int outOfOrdernessMinutes = 15;

    @Option(
            names = "--idleness",
            paramLabel = "SECONDS",
            description =
                    "After how long without records a topic partition or input stops holding the watermark back. Default: ${DEFAULT-VALUE}")
    int idlenessSeconds = 60;

    @Option(
            names = "--dedup-retention",
            paramLabel = "MINUTES",
            description =
                    "How long (processing time) an event id is remembered to drop a later copy of the event: the de-duplication's state grows with the events of this span. Default: ${DEFAULT-VALUE} (a day)")
    int dedupRetentionMinutes = 1440;

    @Mixin StateLimitOptions limits;

    @Mixin CatalogOptions catalog;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() throws Exception {
        List<PollingSource> collectors = collectors();
        if (input == null && kafkaTopics.isEmpty() && collectors.isEmpty()) {
            throw new UsageException(
                    "There is no input: give --input DIR, or --kafka-bootstrap with --kafka-topic TOPIC=FORMAT, or collectors (collect.<collector>.<setting> in the --config file), or several of them.");
        }
        if (input != null) {
            checkInput(input);
        }
        KafkaInput.Settings kafka = kafka();
        InventoryRunner.AlertsOut alerts = null;
        if (alertsTopic != null) {
            if (kafkaBootstrap == null) {
                throw new UsageException(
                        "--alerts-topic needs --kafka-bootstrap to know where Kafka is.");
            }
            alerts = new InventoryRunner.AlertsOut(kafkaBootstrap, alertsTopic, kafkaProperties());
        }
        InventoryRunner.StateBackend backend;
        try {
            backend = InventoryRunner.StateBackend.valueOf(stateBackend.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "--state-backend is hashmap or rocksdb, not '" + stateBackend + "'.");
        }
        if (asOf != null && !bounded) {
            throw new UsageException(
                    "--as-of applies to bounded runs; add --bounded or drop --as-of.");
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        int checkpointEvery =
                checkpointSeconds != null
                        ? checkpointSeconds
                        : bounded ? BOUNDED_CHECKPOINT_SECONDS : CHECKPOINT_SECONDS;
        if (watchSeconds < 1 || checkpointEvery < 1) {
            throw new UsageException(
                    "--watch-interval and --checkpoint-interval must be at least 1 second.");
        }
        if (outOfOrdernessMinutes < 0 || idlenessSeconds < 1) {
            throw new UsageException(
                    "--out-of-orderness must be 0 minutes or more and --idleness at least 1 second.");
        }
        if (dedupRetentionMinutes < 1) {
            throw new UsageException(
                    "--dedup-retention must be at least 1 minute, not "
                            + dedupRetentionMinutes
                            + ".");
        }
        InventorySettings settings =
                limits.apply(InventorySettings.builder())
                        .bounded(bounded)
                        .outOfOrderness(Duration.ofMinutes(outOfOrdernessMinutes))
                        .idleness(Duration.ofSeconds(idlenessSeconds))
                        .dedupRetention(Duration.ofMinutes(dedupRetentionMinutes))
                        .asOf(asOf == null ? null : Times.parse("--as-of", asOf))
                        .rules(rules.settings())
                        .fingerprinter(catalog.fingerprinter())
                        .build();
        long started = System.nanoTime();
        JobExecutionResult result =
                InventoryRunner.run(
                        new InventoryRunner.Options(
                                input,
                                catalog.loader(),
                                settings,
                                p,
                                Duration.ofSeconds(watchSeconds),
                                Duration.ofSeconds(checkpointEvery),
                                checkpointDir != null
                                        ? checkpointDir
                                        : catalog.dataDir().resolve("checkpoints").toString(),
                                kafka,
                                alerts,
                                backend,
                                fromSavepoint,
                                collectors));
        if (result instanceof DetachedJobExecutionResult) {
            // Handed to a cluster (flink run -d, or its REST API): the job runs there.
            System.out.println(
                    "Submitted the inventory job "
                            + result.getJobID()
                            + " to the cluster; it writes to "
                            + (catalog.catalogFile != null
                                    ? catalog.catalogFile
                                    : catalog.dataDir().toAbsolutePath())
                            + ".");
            return 0;
        }
        System.out.printf(
                "Inventory written to %s in %.1f s.%n",
                catalog.catalogFile != null
                        ? catalog.catalogFile
                        : catalog.dataDir().toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        System.out.println(TableSummary.counts(catalog.loader()));
        return 0;
    }

    /** The Kafka source's settings, or null without topics; a wrong value is a usage error. */
    private KafkaInput.Settings kafka() {
        if (kafkaTopics.isEmpty()) {
            return null;
        }
        if (kafkaBootstrap == null) {
            throw new UsageException(
                    "--kafka-topic needs --kafka-bootstrap to know where Kafka is.");
        }
        for (Map.Entry<String, String> t : kafkaTopics.entrySet()) {
            if (Formats.get(t.getValue()) == null) {
                throw new UsageException(
                        "The topic "
                                + t.getKey()
                                + " is given the format '"
                                + t.getValue()
                                + "', which Keyline does not know; known formats: "
                                + String.join(", ", Formats.all().keySet())
                                + ".");
            }
        }
        KafkaInput.Start start;
        try {
            start = KafkaInput.Start.valueOf(kafkaStart.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(
                    "--kafka-start is committed, earliest or latest, not '" + kafkaStart + "'.");
        }
        return new KafkaInput.Settings(
                kafkaBootstrap, kafkaTopics, kafkaGroup, start, kafkaProperties(), bounded);
    }

    /** The collectors' sources: the settings file's settings, then the flags'. */
    private List<PollingSource> collectors() {
        Map<String, String> all = new LinkedHashMap<>();
        if (config != null) {
            all.putAll(ConfigFile.load(config, spec).collectorSettings());
        }
        all.putAll(collect);
        try {
            return Collectors.sources(all, bounded);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The Kafka client properties: the settings file's, then the flags'. */
    private Map<String, String> kafkaProperties() {
        Map<String, String> all = new LinkedHashMap<>();
        if (config != null) {
            all.putAll(ConfigFile.load(config, spec).kafkaProperties());
        }
        all.putAll(kafkaProperties);
        return all;
    }

    /** Checks that the input folder exists and that its subfolders are all known formats. */
    static void checkInput(Path input) {
        if (!Files.isDirectory(input)) {
            throw new UsageException(
                    "The input folder "
                            + input
                            + " does not exist or is not a folder; check --input.");
        }
        List<String> unknown = new ArrayList<>();
        boolean any = false;
        try (Stream<Path> children = Files.list(input)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!Files.isDirectory(child) || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                any = true;
                if (Formats.get(name) == null) {
                    unknown.add(name);
                }
            }
        } catch (IOException e) {
            throw new UsageException(
                    "Cannot list the input folder " + input + ": " + e.getMessage());
        }
        if (!unknown.isEmpty()) {
            throw new UsageException(
                    "The input folder has subfolders that are not format names: "
                            + String.join(", ", unknown)
                            + "; known formats: "
                            + String.join(", ", Formats.all().keySet())
                            + ".");
        }
        if (!any) {
            throw new UsageException(
                    "The input folder "
                            + input
                            + " has no format subfolders; put files under e.g. "
                            + input.resolve("cloudtrail")
                            + ".");
        }
    }
}
