package io.keyline.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** A generated estate on disk and the readers the tests share: its files, records and truth. */
final class GeneratedTree {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate END = LocalDate.parse("2026-11-01");

    /** The CloudTrail records of the tree, and the files or lines that could not be read. */
    record Trail(List<JsonNode> records, List<String> unreadable, int s3Files) {}

    final Path root;
    final EstateGenerator.Summary summary;

    private GeneratedTree(Path root, EstateGenerator.Summary summary) {
        this.root = root;
        this.summary = summary;
    }

    static GeneratedTree generate(Path root, int identities, int days, long seed)
            throws IOException {
        return new GeneratedTree(
                root,
                EstateGenerator.generate(
                        new EstateGenerator.Options(identities, days, seed, END, root)));
    }

    /** An estate with the other systems and their ground truth. */
    static GeneratedTree generateWithSystems(Path root, int identities, int days, long seed)
            throws IOException {
        return new GeneratedTree(
                root,
                EstateGenerator.generate(
                        new EstateGenerator.Options(identities, days, seed, END, root, true)));
    }

    JsonNode systemsTruth() throws IOException {
        return JSON.readTree(root.resolve("_systems-truth.json").toFile());
    }

    /** A tree of files written by hand, to read back with the same readers. */
    static GeneratedTree generateNothing(Path root) {
        return new GeneratedTree(root, null);
    }

    JsonNode truth() throws IOException {
        return JSON.readTree(root.resolve("_ground-truth.json").toFile());
    }

    /** Every file, relative to the root with forward slashes, sorted. */
    List<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    List<String> files(String prefix, String suffix) throws IOException {
        return files().stream()
                .filter(f -> f.startsWith(prefix) && f.endsWith(suffix))
                .collect(Collectors.toList());
    }

    String text(String file) throws IOException {
        return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
    }

    /**
     * Reads every CloudTrail file: S3 files whole, EventBridge files line by line. A line whose
     * {@code detail} has a non-object identity or a non-text time counts as unreadable.
     */
    Trail trail() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int s3Files = 0;
        for (String file : files("cloudtrail/", "")) {
            if (file.endsWith(".json.gz")) {
                s3Files++;
                String text;
                try (GZIPInputStream in =
                        new GZIPInputStream(Files.newInputStream(root.resolve(file)))) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    unreadable.add(file);
                    continue;
                }
                if (text.indexOf('\n') >= 0) {
                    throw new AssertionError(file + " has a line break inside.");
                }
                JsonNode inFile = JSON.readTree(text).get("Records");
                if (inFile.size() > S3DeliveryFile.MAX_RECORDS) {
                    throw new AssertionError(file + " has " + inFile.size() + " records.");
                }
                inFile.forEach(records::add);
            } else {
                for (String line : text(file).split("\n")) {
                    JsonNode envelope;
                    try {
                        envelope = JSON.readTree(line);
                    } catch (IOException e) {
                        unreadable.add(file);
                        continue;
                    }
                    JsonNode detail = envelope.get("detail");
                    if (!detail.path("userIdentity").isObject()
                            || !detail.path("eventTime").isTextual()) {
                        unreadable.add(file);
                        continue;
                    }
                    records.add(detail);
                }
            }
        }
        return new Trail(records, unreadable, s3Files);
    }
}
