package io.keyline.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.annotation.Internal;

/**
 * The layout of the output folder (the input folder of {@code keyline run}) and the tally of the
 * files written into it.
 */
@Internal
public final class OutputTree {

    public static final JsonFactory JSON = new JsonFactory();

    private final Path root;
    private final String stamp;
    private int files;
    private long bytes;

    /**
     * @param end the time of the listings, which starts their file names
     */
    OutputTree(Path root, long end) {
        this.root = root;
        this.stamp = TimeFormats.stamp(end);
    }

    public Path root() {
        return root;
    }

    /** The folder of an account's CloudTrail files of one day, as S3 delivery lays them out. */
    Path cloudTrailDay(String account, long dayStart) {
        return root.resolve("cloudtrail")
                .resolve(account)
                .resolve(TimeFormats.dayFolders(dayStart));
    }

    /** A CloudTrail file name: account, region, delivery minute and a random suffix. */
    static String cloudTrailFileName(String account, String region, long delivered, String suffix) {
        return account
                + "_CloudTrail_"
                + region
                + "_"
                + TimeFormats.compactMinute(delivered)
                + "_"
                + suffix
                + ".json.gz";
    }

    Path eventBridgeFile(String account, long dayStart) {
        return root.resolve("cloudtrail")
                .resolve(account)
                .resolve("eventbridge")
                .resolve(TimeFormats.day(dayStart) + ".jsonl");
    }

    Path authorizationDetails(String account) {
        return root.resolve("aws-authorization-details")
                .resolve(account)
                .resolve(stamp + "-authorization-details.json");
    }

    Path listAccessKeys(String account) {
        return root.resolve("aws-access-keys")
                .resolve(account)
                .resolve(stamp + "-list-access-keys.jsonl");
    }

    Path createAccessKey(String account, long created) {
        return root.resolve("aws-access-keys")
                .resolve(account)
                .resolve(TimeFormats.stamp(created) + "-create-access-key.json");
    }

    Path credentialReport(String account) {
        return root.resolve("aws-credential-report")
                .resolve(account)
                .resolve(stamp + "-credential-report.csv");
    }

    Path groundTruth() {
        return root.resolve("_ground-truth.json");
    }

    /** The path of a file relative to the root, with forward slashes. */
    public String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Opens a new file for writing, creating its folders. */
    public static OutputStream create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** A generator on a new file that prints like the AWS CLI, indented by {@code spaces}. */
    public static JsonGenerator prettyJson(Path file, int spaces) throws IOException {
        JsonGenerator g = JSON.createGenerator(create(file));
        g.setPrettyPrinter(new CliPrettyPrinter(spaces));
        return g;
    }

    /** Counts a file that is complete. */
    public synchronized void written(Path file) throws IOException {
        files++;
        bytes += Files.size(file);
    }

    /** Counts files written elsewhere (by parallel day writers). */
    public synchronized void written(int fileCount, long byteCount) {
        files += fileCount;
        bytes += byteCount;
    }

    public synchronized int files() {
        return files;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
