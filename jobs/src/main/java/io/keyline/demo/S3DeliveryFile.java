package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** A CloudTrail file as S3 delivery writes it: gzip of one line {@code {"Records":[...]}}. */
final class S3DeliveryFile implements TrailFile {

    /** CloudTrail's own limit is by size and time; this keeps files at most this many records. */
    static final int MAX_RECORDS = 2000;

    private final JsonGenerator g;

    S3DeliveryFile(Path path) throws IOException {
        g = OutputTree.JSON.createGenerator(new GZIPOutputStream(OutputTree.create(path), 1 << 16));
        g.writeStartObject();
        g.writeArrayFieldStart("Records");
    }

    @Override
    public void write(CloudTrailEvent event, long hash) throws IOException {
        event.write(g);
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }
}
