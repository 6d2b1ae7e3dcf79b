package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.OutputTree;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the systems part writes, and its tally: the files and records written per format, counted
 * as well in the tree's total of files and bytes.
 */
final class Output {

    /** Writes one JSON value. */
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    /** Files and records of one format. */
    static final class Count {
        int files;
        long records;
    }

    private final OutputTree tree;
    private final Map<String, Count> counts = new TreeMap<>();

    Output(OutputTree tree) {
        this.tree = tree;
    }

    /** A file below the format's folder: {@code <root>/<format>/<parts...>}. */
    Path file(String format, String... parts) {
        Path p = tree.root().resolve(format);
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }

    /** Writes a pretty-printed JSON document, as the vendors' command-line tools print them. */
    void pretty(String format, Path file, long records, JsonBody body) throws IOException {
        try (JsonGenerator g = OutputTree.prettyJson(file, 2)) {
            body.write(g);
            g.writeRaw('\n');
        }
        written(format, file, records);
    }

    /** Writes text (JSON lines, CSV) as it is. */
    void text(String format, Path file, long records, String text) throws IOException {
        try (OutputStream out = OutputTree.create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        written(format, file, records);
    }

    /**
     * Appends lines to a file that is written a day at a time; the file counts once, when it is
     * first written.
     */
    void append(String format, Path file, long records, String text) throws IOException {
        boolean fresh = !Files.exists(file);
        if (fresh) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Count c = counts.computeIfAbsent(format, f -> new Count());
        c.records += records;
        if (fresh) {
            c.files++;
        }
    }

    /** Counts the appended files' bytes in the tree's total, once they are complete. */
    void appendedComplete(Iterable<Path> files) throws IOException {
        long bytes = 0;
        int n = 0;
        for (Path f : files) {
            bytes += Files.size(f);
            n++;
        }
        tree.written(n, bytes);
    }

    /** Counts a file written by another writer. */
    void written(String format, Path file, long records) throws IOException {
        tree.written(file);
        Count c = counts.computeIfAbsent(format, f -> new Count());
        c.files++;
        c.records += records;
    }

    /** The tally per format, by format name. */
    Map<String, Count> counts() {
        return counts;
    }

    String relative(Path file) {
        return tree.relative(file);
    }

    /** One compact JSON value as text, for a line of a JSON lines file. */
    static String compact(JsonBody body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = OutputTree.JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a record to a string failed.", e);
        }
        return out.toString();
    }
}
