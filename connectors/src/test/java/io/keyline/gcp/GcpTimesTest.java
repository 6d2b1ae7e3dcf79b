package io.keyline.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GcpTimesTest {

    private static JsonNode json(String text) throws MalformedRecordException {
        return Json.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"2021-07-26T22:28:15.912168402Z\"|2021-07-26T22:28:15.912Z",
                "\"2023-03-09 15:50:36.148\"|2023-03-09T15:50:36.148Z",
                "\"2024-02-01T10:00:00+01:00\"|2024-02-01T09:00:00Z",
                "{\"seconds\":1627338496}|2021-07-26T22:28:16Z",
                "{\"seconds\":1678377036.0}|2023-03-09T15:50:36Z",
                "{\"seconds\":\"1627338496\",\"nanos\":250000000}|2021-07-26T22:28:16.250Z",
                "\"1.678377036e+09\"|2023-03-09T15:50:36Z",
                "1678377036|2023-03-09T15:50:36Z",
                "{\"seconds\":253402300799}|9999-12-31T23:59:59Z",
            })
    void readsEveryTimeShape(String value, String iso) throws Exception {
        assertThat(Timestamps.iso(GcpTimes.millis(json("[" + value + "]").get(0)))).isEqualTo(iso);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{}",
                "{\"seconds\":\"soon\"}",
                "{\"seconds\":1e20}",
                "{\"seconds\":1,\"nanos\":2000000000}",
                "\"tomorrow\"",
                "true",
                "[1]",
            })
    void rejectsWhatIsNoTime(String value) throws Exception {
        JsonNode node = json("[" + value + "]").get(0);
        assertThatThrownBy(() -> GcpTimes.millis(node))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "9999-12-31T23:59:59Z, never",
        "9999-01-01T00:00:00Z, never",
        "2030-01-01T00:00:00Z, 2030-01-01T00:00:00Z",
    })
    void theEndOfYear9999MeansNever(String time, String expiry) {
        assertThat(GcpTimes.expiry(Timestamps.parse(time))).isEqualTo(expiry);
    }
}
