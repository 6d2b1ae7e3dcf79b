package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CloudTrail file as an EventBridge rule archives it: one {@code AWS API Call via CloudTrail}
 * envelope per line, the record in {@code detail}. Planted lines (bad input) go in between.
 */
final class EventBridgeFile implements TrailFile {

    /** A line to put into the file after {@code after} records. */
    record PlantedLine(int after, String line) {}

    private final JsonGenerator g;
    private final List<PlantedLine> planted;
    private int records;

    EventBridgeFile(Path path, List<PlantedLine> planted) throws IOException {
        g = OutputTree.JSON.createGenerator(OutputTree.create(path));
        g.setRootValueSeparator(null);
        this.planted = new ArrayList<>(planted);
    }

    @Override
    public void write(CloudTrailEvent event, long hash) throws IOException {
        plantDue();
        g.writeStartObject();
        g.writeStringField("version", "0");
        g.writeStringField("id", Ids.uuid(hash));
        g.writeStringField("detail-type", "AWS API Call via CloudTrail");
        g.writeStringField("source", "aws." + event.service.prefix());
        g.writeStringField("account", event.recipientAccountId);
        g.writeStringField("time", TimeFormats.iso(event.time));
        g.writeStringField("region", event.region);
        g.writeArrayFieldStart("resources");
        g.writeEndArray();
        g.writeFieldName("detail");
        event.write(g);
        g.writeEndObject();
        g.writeRaw('\n');
        records++;
    }

    @Override
    public void close() throws IOException {
        records = Integer.MAX_VALUE;
        plantDue();
        g.close();
    }

    private void plantDue() throws IOException {
        while (!planted.isEmpty() && planted.get(0).after() <= records) {
            g.writeRaw(planted.remove(0).line());
            g.writeRaw('\n');
        }
    }
}
