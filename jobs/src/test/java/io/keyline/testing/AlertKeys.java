package io.keyline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.iceberg.data.Record;

/**
 * Alerts as {@code "<rule> <severity> <credential> <time>"}, from the {@code alerts} table and from
 * a ground truth, so that tests compare the two as sets.
 */
public final class AlertKeys {

    private AlertKeys() {}

    /** The keys of the rows of the {@code alerts} table. */
    public static Set<String> of(List<Record> alerts) {
        Set<String> keys = new TreeSet<>();
        for (Record r : alerts) {
            keys.add(
                    key(
                            (String) r.getField("rule"),
                            (String) r.getField("severity"),
                            (String) r.getField("credential_id"),
                            ((OffsetDateTime) r.getField("event_time")).toInstant().toString()));
        }
        return keys;
    }

    /** The keys of a truth's alerts, each credential named by {@code credentialOf}. */
    public static Set<String> ofTruth(JsonNode alerts, Function<JsonNode, String> credentialOf) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode a : alerts) {
            keys.add(
                    key(
                            a.get("rule").asText(),
                            a.get("severity").asText(),
                            credentialOf.apply(a),
                            a.get("event_time").asText()));
        }
        return keys;
    }

    /** The keys of a truth's alerts that name their credentials by id. */
    public static Set<String> ofTruth(JsonNode alerts) {
        return ofTruth(alerts, a -> a.get("credential_id").asText());
    }

    private static String key(String rule, String severity, String credential, String time) {
        return rule + " " + severity + " " + credential + " " + time;
    }
}
