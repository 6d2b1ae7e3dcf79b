package io.keyline.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class RecordSplitterTest {

    private static List<String> split(byte[] content, Framing framing, int maxRecord)
            throws IOException {
        List<String> records = new ArrayList<>();
        try (RecordSplitter s =
                RecordSplitter.open(
                        new ByteArrayInputStream(content), framing, maxRecord, 1 << 20)) {
            byte[] r;
            while ((r = s.next()) != null) {
                records.add(
                        r == RecordSplitter.OVERSIZED
                                ? "<oversized>"
                                : new String(r, StandardCharsets.UTF_8));
            }
        }
        return records;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void jsonLinesBecomeOneRecordPerNonBlankLine() throws IOException {
        assertThat(split(utf8("{\"a\":1}\r\n\n  \n{\"b\":2}\n{broken\n"), Framing.JSON, 1024))
                .containsExactly("{\"a\":1}", "{\"b\":2}", "{broken");
    }

    @Test
    void aPrettyPrintedDocumentIsOneRecord() throws IOException {
        String doc = "{\n  \"Records\": [\n    {\"eventID\": \"1\"}\n  ]\n}\n";
        assertThat(split(utf8(doc), Framing.JSON, 1024)).containsExactly(doc);
    }

    @Test
    void aDocumentWhoseFirstLineEndsBetweenEntriesIsOneRecord() throws IOException {
        String doc = "{\"IsTruncated\": false,\n \"UserDetailList\": []\n}\n";
        assertThat(split(utf8(doc), Framing.JSON, 1024)).containsExactly(doc);
    }

    @Test
    void gzipIsRecognizedByItsMagic() throws IOException {
        assertThat(split(gzip(utf8("{\"a\":1}\n{\"b\":2}")), Framing.JSON, 1024))
                .containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void aTruncatedGzipFileFailsAfterTheRecordsItHad() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            lines.append("{\"a\":").append(i * 7919L % 1_000_003).append("}\n");
        }
        byte[] whole = gzip(utf8(lines.toString()));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        List<String> got = new ArrayList<>();
        assertThatThrownBy(
                        () -> {
                            try (RecordSplitter s =
                                    RecordSplitter.open(
                                            new ByteArrayInputStream(truncated),
                                            Framing.JSON,
                                            1024,
                                            1 << 20)) {
                                byte[] r;
                                while ((r = s.next()) != null) {
                                    got.add(new String(r, StandardCharsets.UTF_8));
                                }
                            }
                        })
                .isInstanceOf(IOException.class);
        assertThat(got)
                .isNotEmpty()
                .hasSizeLessThan(200_000)
                .allMatch(r -> r.startsWith("{\"a\":"));
    }

    @Test
    void aLineOverTheLimitBecomesOneOversizedMarkerAndReadingGoesOn() throws IOException {
        String big = "{\"x\":\"" + "a".repeat(5000) + "\"}";
        assertThat(split(utf8("{\"a\":1}\n" + big + "\n{\"b\":2}"), Framing.JSON, 1000))
                .containsExactly("{\"a\":1}", "<oversized>", "{\"b\":2}");
    }

    @Test
    void wholeFileFramingKeepsTheFileAsItIs() throws IOException {
        assertThat(split(utf8("a,b\n1,2"), Framing.WHOLE_FILE, 10)).containsExactly("a,b\n1,2");
        assertThat(split(new byte[0], Framing.WHOLE_FILE, 10)).isEmpty();
    }
}
