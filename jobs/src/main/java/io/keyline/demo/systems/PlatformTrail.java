package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.OutputTree;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * The CloudTrail files of the platform account, as S3 delivery writes them: one gzip file a day
 * under {@code cloudtrail/<account>/<yyyy>/<mm>/<dd>/}, each {@code {"Records":[...]}} in time
 * order. Records are collected for a day and written when it is complete; records of a day outside
 * the window (the Terraform run that made the Jenkins key) get a file of their own day.
 */
final class PlatformTrail {

    static final String FORMAT = "cloudtrail";

    private final Context c;
    private final List<TrailRecord> records = new ArrayList<>();
    private long recordsWritten;

    PlatformTrail(Context c) {
        this.c = c;
    }

    void add(TrailRecord record) {
        records.add(record);
    }

    /** Writes the records collected for the day that starts at {@code dayStart}. */
    void flush(long dayStart) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        records.sort(
                Comparator.comparingLong((TrailRecord r) -> r.time).thenComparingLong(r -> r.hash));
        String account = c.w.platformAccount;
        SplittableRandom r = c.w.rng(SystemsSeeds.PLATFORM, dayStart);
        long delivered = dayStart + Window.DAY - 5 * 60;
        String name =
                account
                        + "_CloudTrail_us-east-1_"
                        + TimeFormats.compactMinute(delivered)
                        + "_"
                        + io.keyline.demo.Ids.alphanumeric(r, 16)
                        + ".json.gz";
        Path file = c.out.file(FORMAT, account, TimeFormats.dayFolders(dayStart), name);
        try (JsonGenerator g =
                OutputTree.JSON.createGenerator(
                        new GZIPOutputStream(OutputTree.create(file), 1 << 16))) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (TrailRecord record : records) {
                record.write(g, account);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        c.out.written(FORMAT, file, records.size());
        recordsWritten += records.size();
        records.clear();
    }

    long recordsWritten() {
        return recordsWritten;
    }

    /** A new record at {@code time}; {@code part} tells records of the same second apart. */
    TrailRecord record(
            long time,
            long part,
            String source,
            String name,
            TrailRecord.Identity identity,
            String ip,
            String agent) {
        TrailRecord r = new TrailRecord();
        r.time = time;
        r.hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 8, time, part);
        r.eventSource = source;
        r.eventName = name;
        r.identity = identity;
        r.sourceIp = ip;
        r.userAgent = agent;
        return r;
    }
}
