package io.keyline.kubernetes;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.source.FileRecords;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Parses Kubernetes test files the way the job does, with a test pepper for the secrets the
 * listings hold, and reads the fixtures of this folder.
 */
final class K8sFiles {

    private static final Fingerprinter FINGERPRINTER = testFingerprinter();

    private K8sFiles() {}

    static ListParseOutput parse(String format, String fileName, byte[] content, long observedAt) {
        FormatSpec spec = Formats.require(format);
        ListParseOutput out = new ListParseOutput();
        try {
            FileRecords.parse(
                    new ByteArrayInputStream(content),
                    spec,
                    spec.newParser(FINGERPRINTER),
                    "/input/" + format + "/" + fileName,
                    observedAt,
                    out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static ListParseOutput parse(String format, String fileName, String content, long observedAt) {
        return parse(format, fileName, content.getBytes(StandardCharsets.UTF_8), observedAt);
    }

    static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/k8s/" + name);
    }

    /** The fingerprint id the parsers give a value under the test pepper. */
    static String fingerprintId(String value) {
        return "fp:" + FINGERPRINTER.fingerprint(value);
    }

    private static Fingerprinter testFingerprinter() {
        try {
            Path pepper = Files.createTempFile("keyline-k8s-test-pepper", "");
            pepper.toFile().deleteOnExit();
            Files.writeString(pepper, "a-test-pepper-for-the-kubernetes-parsers");
            return Fingerprinter.fromFile(pepper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
