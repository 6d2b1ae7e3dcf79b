package io.keyline.kafka;

import io.keyline.format.RawRecord;
import io.keyline.source.Documents;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a Kafka message into the raw records of its topic's format, cut as a file of that format
 * would be (gzip recognized by its magic bytes). It never throws: a message that cannot be read
 * becomes an unreadable record, which the parse stage sends to the dead letters with its reason.
 *
 * <p>A record's origin is {@code kafka:<topic>/<partition>@<offset>}, followed by {@code /<key>}
 * when the message has a key that reads as a path: a producer that sends files names each by its
 * path in the input-folder layout ({@code aws-access-keys/111122223333/keys.json}), so that what
 * the folders say (an account, an org) is not lost. The time a record was observed is the message's
 * timestamp.
 */
@Internal
public final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    private static final int MAX_KEY_BYTES = 1024;

    private final Map<String, String> formats;

    /**
     * @param formats topic name to format name
     */
    public RawRecordDeserializer(Map<String, String> formats) {
        this.formats = new TreeMap<>(formats);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<RawRecord> out) {
        String format = formats.get(message.topic());
        String origin =
                "kafka:"
                        + message.topic()
                        + "/"
                        + message.partition()
                        + "@"
                        + message.offset()
                        + path(message.key());
        long observedAt =
                message.timestamp() >= 0 ? message.timestamp() : System.currentTimeMillis();
        FormatSpec spec = format == null ? null : Formats.get(format);
        if (spec == null) {
            out.collect(
                    RawRecord.unreadable(
                            String.valueOf(format),
                            origin,
                            0,
                            observedAt,
                            "the topic " + message.topic() + " is not mapped to a known format"));
            return;
        }
        byte[] value = message.value();
        if (value == null || value.length == 0) {
            out.collect(
                    RawRecord.unreadable(
                            format, origin, 0, observedAt, "the message has no value"));
            return;
        }
        Documents.split("the message", format, origin, observedAt, value, out::collect);
    }

    /**
     * The message key as a file path, {@code /} and the key, when it reads as one: parsers that
     * take an account or an org from the folders of a file's path ({@code
     * aws-access-keys/<account>/...}) find them in it. Empty for no key, or a key that is not
     * printable text.
     */
    private static String path(byte[] key) {
        if (key == null || key.length == 0 || key.length > MAX_KEY_BYTES) {
            return "";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) || ch == '\uFFFD') {
                return "";
            }
        }
        return text.startsWith("/") ? text : "/" + text;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return Types.POJO(RawRecord.class);
    }
}
