package io.keyline.testing;

import io.keyline.source.RawRecordFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A single-node Kafka cluster (KRaft, broker and controller in one) inside the test JVM. */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    /** What every client of this broker adds to its properties: none, or its SASL login. */
    private final Map<String, String> clientSecurity;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, String> clientSecurity) {
        this.cluster = cluster;
        this.clientSecurity = clientSecurity;
    }

    public static EmbeddedKafka start() throws Exception {
        return start(builder(), Map.of());
    }

    /**
     * A broker whose clients must sign in with SASL PLAIN over an unencrypted listener
     * (SASL_PLAINTEXT), as the one user {@code user} with {@code password}: the shape of Azure
     * Event Hubs' Kafka endpoint (user {@code $ConnectionString}, a connection string as the
     * password), without its TLS. The controller's own listener stays PLAINTEXT.
     */
    public static EmbeddedKafka startWithSaslPlain(String user, String password) throws Exception {
        String jaas =
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\" user_"
                        + user
                        + "=\""
                        + password
                        + "\";";
        KafkaClusterTestKit.Builder builder =
                builder()
                        .setConfigProp(
                                "listener.security.protocol.map",
                                "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT")
                        .setConfigProp("sasl.enabled.mechanisms", "PLAIN")
                        .setConfigProp("sasl.mechanism.inter.broker.protocol", "PLAIN")
                        .setConfigProp("listener.name.external.plain.sasl.jaas.config", jaas);
        String client =
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";";
        return start(
                builder,
                Map.of(
                        "security.protocol", "SASL_PLAINTEXT",
                        "sasl.mechanism", "PLAIN",
                        "sasl.jaas.config", client));
    }

    private static KafkaClusterTestKit.Builder builder() throws Exception {
        return new KafkaClusterTestKit.Builder(
                        new TestKitNodes.Builder()
                                .setCombined(true)
                                .setNumBrokerNodes(1)
                                .setNumControllerNodes(1)
                                .build())
                // One broker: the internal topics cannot have three replicas, and
                // without these every consumer's close waits for them.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // Listings can be megabytes: let a message be as large as a record may.
                .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024))
                // Messages carry the time their file was observed, often weeks ago: the
                // default retention of seven days would delete them half a minute after
                // the broker starts, before a slow job has read them.
                .setConfigProp("log.retention.ms", "-1");
    }

    private static EmbeddedKafka start(
            KafkaClusterTestKit.Builder builder, Map<String, String> clientSecurity)
            throws Exception {
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafka(cluster, clientSecurity);
    }

    /**
     * Sends a file as one message keyed by {@code key}, stamped with the time it was observed (from
     * its name, as for a file read from a folder, else its modification time).
     */
    public static void sendFile(
            KafkaProducer<byte[], byte[]> producer, String topic, String key, Path file)
            throws Exception {
        long observedAt =
                RawRecordFormat.observedAt(
                        new org.apache.flink.core.fs.Path(file.toUri()),
                        Files.getLastModifiedTime(file).toMillis());
        producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                observedAt,
                                key.getBytes(StandardCharsets.UTF_8),
                                Files.readAllBytes(file)))
                .get();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopic(String name, int partitions) throws Exception {
        Properties p = cluster.clientProperties();
        p.putAll(clientSecurity);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        p.putAll(clientSecurity);
        return new KafkaProducer<>(p);
    }

    /** Every message of a topic, from the start, waiting until {@code expected} have come. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration wait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putAll(clientSecurity);
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic)
                    .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (all.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            // Anything beyond the expected count that is already there.
            consumer.poll(Duration.ofMillis(500)).forEach(all::add);
        }
        return all;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
