package io.keyline.inventory;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RecordParser;
import io.keyline.model.IdentityEvent;
import io.keyline.source.FileRecords;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import io.keyline.source.RawRecordFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses an input folder without Flink, file by file with each format's parser, so that a test can
 * compare what the job wrote with what the parsers make of the same files.
 */
final class InputParse {

    /** The distinct event ids, and how many records were rejected or unreadable. */
    record Result(Set<String> eventIds, int rejected) {}

    private InputParse() {}

    static Result of(Path root, Fingerprinter fingerprinter) throws IOException {
        Set<String> ids = new HashSet<>();
        int rejected = 0;
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String format = root.relativize(file).getName(0).toString();
            FormatSpec spec = Formats.get(format);
            String name = file.getFileName().toString();
            if (spec == null || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            RecordParser parser = spec.newParser(fingerprinter);
            ListParseOutput out = new ListParseOutput();
            long observedAt =
                    RawRecordFormat.observedAt(
                            new org.apache.flink.core.fs.Path(file.toUri()),
                            Files.getLastModifiedTime(file).toMillis());
            try (InputStream in = Files.newInputStream(file)) {
                FileRecords.parse(in, spec, parser, file.toString(), observedAt, out);
            } catch (IOException unreadable) {
                rejected++;
            }
            for (IdentityEvent e : out.events()) {
                ids.add(e.getEventId());
            }
            rejected += out.rejections().size();
        }
        return new Result(ids, rejected);
    }
}
