package io.keyline.testing;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;

/** Reading Keyline's tables in tests, and waiting for a running job to commit a row. */
public final class Tables {

    /** How long a test waits for a running job's commit. */
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private Tables() {}

    public static List<Record> rows(CatalogLoader catalog, KeylineTables.Spec spec)
            throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    /** Polls a table until a row matches, for at most {@link #PATIENCE}. */
    public static Record await(
            CatalogLoader catalog, KeylineTables.Spec spec, Predicate<Record> wanted)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (Record r : rows(catalog, spec)) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No matching row in " + spec.name() + " after " + PATIENCE);
    }
}
