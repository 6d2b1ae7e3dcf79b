package io.keyline.source.poll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Writes a split as its id, format and cursor; the cursor may be long (a URL, a JSON object). */
@Internal
public final class PollSplitSerializer implements SimpleVersionedSerializer<PollSplit> {

    public static final PollSplitSerializer INSTANCE = new PollSplitSerializer();

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PollSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, split);
        }
        return bytes.toByteArray();
    }

    @Override
    public PollSplit deserialize(int version, byte[] serialized) throws IOException {
        checkVersion(version);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            return read(in);
        }
    }

    static void write(DataOutputStream out, PollSplit split) throws IOException {
        string(out, split.splitId());
        string(out, split.format());
        out.writeBoolean(split.cursor() != null);
        if (split.cursor() != null) {
            string(out, split.cursor());
        }
    }

    static PollSplit read(DataInputStream in) throws IOException {
        String id = string(in);
        String format = string(in);
        String cursor = in.readBoolean() ? string(in) : null;
        return new PollSplit(id, format, cursor);
    }

    static void checkVersion(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "A collector's position was written in version "
                            + version
                            + " of its format; this build reads version "
                            + VERSION
                            + ".");
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The enumerator's checkpoint: the splits not yet assigned to a reader. */
    @Internal
    public static final class Pending implements SimpleVersionedSerializer<Collection<PollSplit>> {

        public static final Pending INSTANCE = new Pending();

        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(Collection<PollSplit> splits) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(splits.size());
                for (PollSplit split : splits) {
                    write(out, split);
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public Collection<PollSplit> deserialize(int version, byte[] serialized)
                throws IOException {
            checkVersion(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                int n = in.readInt();
                List<PollSplit> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(read(in));
                }
                return splits;
            }
        }
    }
}
