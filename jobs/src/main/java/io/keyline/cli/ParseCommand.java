package io.keyline.cli;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventJson;
import io.keyline.format.ParseOutput;
import io.keyline.format.RecordParser;
import io.keyline.model.IdentityEvent;
import io.keyline.source.FileRecords;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import io.keyline.source.RawRecordFormat;
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
        long[] position = {0};
        // Listings take their time from the file name, as in a job.
        long observedAt =
                RawRecordFormat.observedAt(
                        new org.apache.flink.core.fs.Path(file.toUri()),
                        Files.getLastModifiedTime(file).toMillis());
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
        try (InputStream in = Files.newInputStream(file)) {
            FileRecords.forEach(
                    in,
                    spec,
                    file.toAbsolutePath().toString(),
                    observedAt,
                    record -> {
                        position[0] = record.getIndex();
                        if (record.getError() != null) {
                            sink.reject(record.getError(), record.getPayload());
                        } else {
                            parser.parse(record, sink);
                        }
                    });
        } catch (IOException e) {
            counts[1]++;
            err.println(file + ": the rest of the file cannot be read (" + describe(e) + ")");
        }
        err.println(counts[0] + " events, " + counts[1] + " rejected.");
        return 0;
    }

    private static String describe(IOException e) {
        return e instanceof java.io.EOFException
                ? "it ends too early"
                : e.getClass().getSimpleName();
    }
}
