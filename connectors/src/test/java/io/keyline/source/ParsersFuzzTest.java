package io.keyline.source;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of every parser, through the framing a file of its format goes through:
 * whatever the bytes, a parser emits events or rejects records with a reason, and nothing else
 * escapes it. The build fuzzes for 20 seconds ({@code JAZZER_FUZZ=1} in its own Surefire run);
 * {@link ParsersLongFuzzTest} is the long run (see the README).
 */
class ParsersFuzzTest {

    private static final List<FormatSpec> FORMATS = new ArrayList<>(Formats.all().values());
    private static final Fingerprinter FINGERPRINTER = Fingerprinter.fromEnvironment();

    @FuzzTest(maxDuration = "20s")
    void noInputMakesAParserThrow(FuzzedDataProvider data) {
        parse(data);
    }

    /** One fuzzed file: a format, a folder below it (some formats read it), and the content. */
    static void parse(FuzzedDataProvider data) {
        FormatSpec spec = FORMATS.get(data.consumeInt(0, FORMATS.size() - 1));
        String folder = data.consumeAsciiString(12);
        byte[] content = data.consumeRemainingAsBytes();
        RecordParser parser = spec.newParser(FINGERPRINTER);
        ListParseOutput out = new ListParseOutput();
        try {
            FileRecords.parse(
                    new ByteArrayInputStream(content),
                    spec,
                    parser,
                    "input/" + spec.name() + "/" + folder + "/fuzzed.json",
                    1_790_000_000_000L,
                    out);
        } catch (IOException unreadable) {
            // A file that is not readable to its end (broken gzip) is the framing's to report.
        }
        for (var rejection : out.rejections()) {
            if (rejection.reason() == null || rejection.reason().isBlank()) {
                throw new AssertionError("a rejection without a reason by " + spec.name());
            }
        }
    }
}
