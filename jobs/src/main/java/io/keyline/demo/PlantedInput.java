package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The three pieces of bad input planted in every estate so that Keyline's dead-letter path is
 * exercised: a truncated gzip copy of a CloudTrail file, a JSON line cut short, and a JSON line
 * whose CloudTrail fields have the wrong types. Each is listed in the ground truth.
 */
final class PlantedInput {

    /** A file Keyline must reject, relative to the output root, and why. */
    record DeadLetter(String file, String reason) {}

    static final String TRUNCATED_GZIP = "truncated-gzip";
    static final String INVALID_JSON = "invalid-json";
    static final String WRONG_TYPES = "wrong-types";

    private final Estate e;
    private final OutputTree tree;
    private final int account;
    private final int firstDay;
    private final int lastDay;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private Path truncated;

    PlantedInput(Estate e, OutputTree tree) {
        this.e = e;
        this.tree = tree;
        this.account = e.accounts - 1;
        int first = -1;
        int last = -1;
        for (int d = 0; d < e.days; d++) {
            if (e.eventBridge(account, d)) {
                first = first < 0 ? d : first;
                last = d;
            }
        }
        // Without EventBridge days (one account, one day) the lines get a file of their own.
        this.firstDay = first < 0 ? 0 : first;
        this.lastDay = last < 0 ? 0 : last;
    }

    /** The bad lines to put into an account's EventBridge file of a day, in file order. */
    List<EventBridgeFile.PlantedLine> linesFor(int account, int day) {
        List<EventBridgeFile.PlantedLine> lines = new ArrayList<>(2);
        if (account != this.account) {
            return lines;
        }
        if (day == firstDay) {
            lines.add(new EventBridgeFile.PlantedLine(5, cutShortLine()));
        }
        if (day == lastDay) {
            lines.add(new EventBridgeFile.PlantedLine(12, wrongTypesLine()));
        }
        return lines;
    }

    /** Records the planted lines of the EventBridge files as dead letters, once all are written. */
    void linesWritten() throws IOException {
        if (!e.eventBridge(account, firstDay)) {
            Path file = tree.eventBridgeFile(e.accountId(account), e.dayStart(firstDay));
            new EventBridgeFile(file, linesFor(account, firstDay)).close();
            tree.written(file);
        }
        String accountId = e.accountId(account);
        deadLetters.add(
                new DeadLetter(
                        tree.relative(tree.eventBridgeFile(accountId, e.dayStart(firstDay))),
                        INVALID_JSON));
        deadLetters.add(
                new DeadLetter(
                        tree.relative(tree.eventBridgeFile(accountId, e.dayStart(lastDay))),
                        WRONG_TYPES));
    }

    /**
     * Copies the first 60% of the bytes of a CloudTrail S3 file next to it, under a new name: every
     * record in it is a duplicate, so losing the file loses nothing else.
     */
    void truncatedCopy(Path source) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        String name = source.getFileName().toString();
        String suffix = Ids.alphanumeric(Seeds.rng(e.seed, Seeds.PLANTED, 1), 16);
        String renamed =
                name.substring(0, name.length() - ".json.gz".length() - 16) + suffix + ".json.gz";
        truncated = source.resolveSibling(renamed);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length * 6 / 10));
        tree.written(truncated);
    }

    /** The dead letters in the order the ground truth lists them. */
    List<DeadLetter> deadLetters() {
        List<DeadLetter> all = new ArrayList<>();
        if (truncated != null) {
            all.add(new DeadLetter(tree.relative(truncated), TRUNCATED_GZIP));
        }
        all.addAll(deadLetters);
        return all;
    }

    private String cutShortLine() {
        String whole = envelope(false);
        int cut = whole.indexOf("\"detail\":{") + "\"detail\":{".length();
        return whole.substring(0, cut) + "\"eventVersion\":\"1.09\",";
    }

    private String wrongTypesLine() {
        return envelope(true);
    }

    /**
     * An envelope; with {@code wrongTypes}, a detail whose time is a number and identity a string.
     */
    private String envelope(boolean wrongTypes) {
        long time = e.dayStart(wrongTypes ? lastDay : firstDay) + 12 * TimeFormats.HOUR;
        String accountId = e.accountId(account);
        StringWriter out = new StringWriter();
        try (JsonGenerator g = OutputTree.JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("version", "0");
            g.writeStringField("id", Ids.uuid(Seeds.of(e.seed, Seeds.PLANTED, wrongTypes ? 3 : 2)));
            g.writeStringField("detail-type", "AWS API Call via CloudTrail");
            g.writeStringField("source", "aws.s3");
            g.writeStringField("account", accountId);
            g.writeStringField("time", TimeFormats.iso(time));
            g.writeStringField("region", e.region(account));
            g.writeArrayFieldStart("resources");
            g.writeEndArray();
            g.writeObjectFieldStart("detail");
            g.writeStringField("eventVersion", "1.09");
            g.writeStringField("userIdentity", "svc-data-etl");
            g.writeNumberField("eventTime", time);
            g.writeStringField("eventSource", "s3.amazonaws.com");
            g.writeStringField("eventName", "GetObject");
            g.writeStringField("awsRegion", e.region(account));
            g.writeStringField("sourceIPAddress", "10.0.0.1");
            g.writeStringField("userAgent", "aws-cli/2.15.30");
            g.writeNullField("requestParameters");
            g.writeNullField("responseElements");
            g.writeStringField("requestID", Ids.uuid(Seeds.of(e.seed, Seeds.PLANTED, 4)));
            g.writeStringField("eventID", Ids.uuid(Seeds.of(e.seed, Seeds.PLANTED, 5)));
            g.writeBooleanField("readOnly", true);
            g.writeStringField("eventType", "AwsApiCall");
            g.writeBooleanField("managementEvent", false);
            g.writeStringField("recipientAccountId", accountId);
            g.writeStringField("eventCategory", "Data");
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException("Writing a planted line to a string failed.", ex);
        }
        return out.toString();
    }
}
