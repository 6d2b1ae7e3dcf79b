package io.keyline.cli;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventJson;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.IdentityEvent;
import io.keyline.source.FileInput;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import io.keyline.source.RecordSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyline parse}: what Keyline makes of one file, without running a job. */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = {
            "Parses one file with a format's parser and prints its identity events as JSON lines;"
                    + " rejected records go to standard error with their reason."
        })
public class ParseCommand implements Callable<Integer> {

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            required = true,
            description = "The format name.")
    String format;

    @Parameters(paramLabel = "FILE", description = "The file to parse (plain or gzip).")
    Path file;

    @Mixin CatalogOptions catalog;

    @Override
    public Integer call() throws IOException {
        FormatSpec spec = Formats.get(format);
        if (spec == null) {
            throw new UsageException(
                    "No format is named '"
                            + format
                            + "'; known formats: "
                            + String.join(", ", Formats.all().keySet())
                            + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("The file " + file + " does not exist; check the path.");
        }
        Fingerprinter fingerprinter = catalog.fingerprinter();
        RecordParser parser = spec.newParser(fingerprinter);
        PrintStream out = System.out;
        PrintStream err = System.err;
        long[] counts = new long[2];
        long observedAt = Files.getLastModifiedTime(file).toMillis();
        String origin = file.toAbsolutePath().toString();
        long[] position = {0};
        ParseOutput sink =
                new ParseOutput() {
                    @Override
                    public void emit(IdentityEvent event) {
                        counts[0]++;
                        out.println(EventJson.toJson(event));
                    }

                    @Override
                    public void reject(String reason, byte[] payload) {
                        counts[1]++;
                        err.println(file + " record " + position[0] + ": " + reason);
                    }
                };
        try (InputStream in = Files.newInputStream(file);
                RecordSplitter splitter =
                        RecordSplitter.open(
                                in,
                                spec.framing(),
                                FileInput.DEFAULT_MAX_RECORD_BYTES,
                                FileInput.DEFAULT_MAX_DOCUMENT_BYTES)) {
            byte[] payload;
            while ((payload = nextOrReport(splitter, err)) != null) {
                if (payload == RecordSplitter.OVERSIZED) {
                    counts[1]++;
                    err.println(
                            file
                                    + " record "
                                    + position[0]
                                    + ": the record is longer than the limit");
                } else {
                    parser.parse(
                            new RawRecord(format, origin, position[0], observedAt, payload), sink);
                }
                position[0]++;
            }
        }
        err.println(counts[0] + " events, " + counts[1] + " rejected.");
        return 0;
    }

    private byte[] nextOrReport(RecordSplitter splitter, PrintStream err) {
        try {
            return splitter.next();
        } catch (IOException e) {
            err.println(
                    file
                            + ": the rest of the file cannot be read ("
                            + e.getClass().getSimpleName()
                            + ")");
            return null;
        }
    }
}
