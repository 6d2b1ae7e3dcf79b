package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.cli.Keyline;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import io.keyline.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka endpoint of Azure Event Hubs, as the README documents it: a broker that takes SASL
 * PLAIN logins of the user {@code $ConnectionString} with a connection string as the password, read
 * by a bounded {@code run} whose settings file holds the README's lines for it (with {@code
 * SASL_PLAINTEXT}, since this broker has no TLS), over Azure Monitor envelopes that mix every
 * category. The tables equal those of a run over the same envelopes as files, and the connection
 * string reaches no byte the run wrote or printed.
 */
class EventHubsKafkaITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    /** The README's host and secrets file in its Event Hubs block, replaced by the test's. */
    private static final String README_BOOTSTRAP = "acme-logs.servicebus.windows.net:9093";

    private static final String README_SECRET_FILE = "/run/secrets/eventhubs-connection-string";

    private static final String CONNECTION_STRING =
            "Endpoint=sb://acme-logs.servicebus.windows.net/;SharedAccessKeyName=keyline-listen;"
                    + "SharedAccessKey=Pl4nt3dEventHubsKey0123456789abcdefghijkl=";

    @TempDir Path dir;
    @TempDir Path secrets;

    @Test
    void theReadmesEventHubsKafkaSettingsReadAMixedHubAsItsFilesWouldBeRead() throws Exception {
        List<String> envelopes;
        try (InputStream in =
                EventHubsKafkaITCase.class.getResourceAsStream(
                        "/fixtures/azure/eventhub-mixed-envelopes.jsonl")) {
            envelopes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(envelopes).hasSize(4);

        Path collected = dir.resolve("from-kafka");
        Path exported = dir.resolve("from-files");
        String printed;
        try (EmbeddedKafka kafka =
                EmbeddedKafka.startWithSaslPlain("$ConnectionString", CONNECTION_STRING)) {
            // The event hub is a topic of two partitions; each event's body one message.
            kafka.createTopic("entra-logs", 2);
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                for (int i = 0; i < envelopes.size(); i++) {
                    producer.send(
                                    new ProducerRecord<>(
                                            "entra-logs",
                                            i % 2,
                                            1_790_000_000_000L + i * 1000L,
                                            null,
                                            envelopes.get(i).getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
            }

            // The broker does check the password: another connection string is refused.
            Properties wrong = new Properties();
            wrong.put("bootstrap.servers", kafka.bootstrapServers());
            wrong.put("security.protocol", "SASL_PLAINTEXT");
            wrong.put("sasl.mechanism", "PLAIN");
            wrong.put(
                    "sasl.jaas.config",
                    "org.apache.kafka.common.security.plain.PlainLoginModule required"
                            + " username=\"$ConnectionString\" password=\"Endpoint=sb://x/\";");
            try (Admin admin = Admin.create(wrong)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }

            Path secret =
                    Files.writeString(
                            secrets.resolve("eventhubs-connection-string"),
                            CONNECTION_STRING + "\n");
            Path settings =
                    Files.writeString(
                            dir.resolve("keyline.properties"),
                            readmeSettings()
                                    .replace(README_BOOTSTRAP, kafka.bootstrapServers())
                                    .replace(README_SECRET_FILE, secret.toString())
                                    .replace("=SASL_SSL", "=SASL_PLAINTEXT"));
            assertThat(Files.readString(settings))
                    .contains("kafka-property.security.protocol=SASL_PLAINTEXT\n")
                    .contains("username=\"$ConnectionString\"")
                    .doesNotContain(CONNECTION_STRING);
            printed =
                    run(
                            "run",
                            "--config",
                            settings.toString(),
                            "--bounded",
                            "--warehouse",
                            collected.toString(),
                            "--parallelism",
                            "2");
        }

        // The same envelopes, as files of the format in the input-folder layout.
        Path input = dir.resolve("input");
        Files.createDirectories(input.resolve("azure-monitor"));
        Files.writeString(
                input.resolve("azure-monitor/hub.jsonl"), String.join("\n", envelopes) + "\n");
        run(
                "run",
                "--input",
                input.toString(),
                "--bounded",
                "--warehouse",
                exported.toString(),
                "--parallelism",
                "2");

        CatalogLoader fromKafka = Catalogs.embedded(collected);
        CatalogLoader fromFiles = Catalogs.embedded(exported);
        assertThat(column(fromKafka, KeylineTables.DEAD_LETTERS, r -> r.getField("reason")))
                .isEmpty();
        Function<Record, Object> event = r -> r.getField("source") + " " + r.getField("event_id");
        Set<String> events = column(fromKafka, KeylineTables.EVENTS, event);
        assertThat(events)
                .hasSize(23)
                .anyMatch(e -> e.startsWith("azure-signin "))
                .anyMatch(e -> e.startsWith("azure-audit "))
                .anyMatch(e -> e.startsWith("azure-activity "))
                .isEqualTo(column(fromFiles, KeylineTables.EVENTS, event));
        Function<Record, Object> credential =
                r ->
                        r.getField("credential_id")
                                + " "
                                + r.getField("credential_type")
                                + " "
                                + r.getField("status")
                                + " "
                                + r.getField("identity_id")
                                + " "
                                + r.getField("created_by")
                                + " "
                                + r.getField("last_used_at");
        assertThat(column(fromKafka, KeylineTables.CREDENTIALS, credential))
                .isNotEmpty()
                .anyMatch(c -> c.startsWith("azure:sp-secret:"))
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIALS, credential));
        Function<Record, Object> identity =
                r ->
                        r.getField("identity_id")
                                + " "
                                + r.getField("privilege_tier")
                                + " "
                                + r.getField("owner");
        assertThat(column(fromKafka, KeylineTables.IDENTITIES, identity))
                .isNotEmpty()
                .isEqualTo(column(fromFiles, KeylineTables.IDENTITIES, identity));

        // The connection string, and its key alone, are in no file of the warehouse (tables,
        // checkpoints) and in nothing the run printed.
        String key =
                CONNECTION_STRING.substring(CONNECTION_STRING.indexOf("SharedAccessKey=") + 16);
        assertThat(SecretSearch.filesContaining(collected, List.of(CONNECTION_STRING, key)))
                .isEmpty();
        assertThat(collected.resolve("checkpoints")).isDirectory();
        assertThat(printed).doesNotContain(key).contains("Inventory written to");
    }

    /**
     * The properties block of the README's Event Hubs Kafka endpoint: the fenced block that sets
     * {@code sasl.mechanism=PLAIN} for the user {@code $ConnectionString}.
     */
    private static String readmeSettings() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (block.find()) {
            String lines = block.group(1);
            if (lines.contains("$ConnectionString") && lines.contains("sasl.mechanism=PLAIN")) {
                assertThat(lines)
                        .contains("kafka-bootstrap=" + README_BOOTSTRAP + "\n")
                        .contains(README_SECRET_FILE)
                        .contains("kafka-property.security.protocol=SASL_SSL\n");
                return lines;
            }
        }
        throw new AssertionError("The README has no Event Hubs Kafka settings block.");
    }

    private static Set<String> column(
            CatalogLoader catalog, KeylineTables.Spec table, Function<Record, Object> value)
            throws Exception {
        Set<String> out = new TreeSet<>();
        for (Record r : Tables.rows(catalog, table)) {
            Object v = value.apply(r);
            if (v != null && !"".equals(v)) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    /** Runs a command of the command line; what it printed. */
    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Keyline.execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed;
    }
}
