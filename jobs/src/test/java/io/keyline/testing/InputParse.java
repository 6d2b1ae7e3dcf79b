package io.keyline.testing;

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
public final class InputParse {

    /** The distinct event ids, and how many records were rejected or unreadable. */
    public record Result(Set<String> eventIds, int rejected) {}

    /** What one file of the folder gave. */
    public interface FileVisitor {
        /**
         * @param format the file's format, the folder below the root it is in
         * @param out its events and rejections
         * @param unreadable true when the file could not be read to its end
         */
        void parsed(Path file, String format, ListParseOutput out, boolean unreadable)
                throws IOException;
    }

    private InputParse() {}

    public static Result of(Path root, Fingerprinter fingerprinter) throws IOException {
        Set<String> ids = new HashSet<>();
        int[] rejected = {0};
        each(
                root,
                fingerprinter,
                (file, format, out, unreadable) -> {
                    for (IdentityEvent e : out.events()) {
                        ids.add(e.getEventId());
                    }
                    rejected[0] += out.rejections().size() + (unreadable ? 1 : 0);
                });
        return new Result(ids, rejected[0]);
    }

    /**
     * Parses every file the job's file source would read (in a format's folder, its name not
     * starting with {@code .} or {@code _}), in the order of their paths.
     */
    public static void each(Path root, Fingerprinter fingerprinter, FileVisitor visitor)
            throws IOException {
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
            boolean unreadable = false;
            try (InputStream in = Files.newInputStream(file)) {
                FileRecords.parse(in, spec, parser, file.toString(), observedAt, out);
            } catch (IOException e) {
                unreadable = true;
            }
            visitor.parsed(file, format, out, unreadable);
        }
    }
}
