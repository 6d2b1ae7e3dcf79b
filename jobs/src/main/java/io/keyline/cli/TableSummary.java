package io.keyline.cli;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.util.StringJoiner;
import org.apache.iceberg.flink.CatalogLoader;

/** One line with the row count of every table. */
final class TableSummary {

    private TableSummary() {}

    static String counts(CatalogLoader loader) throws Exception {
        StringJoiner line = new StringJoiner(", ", "Rows: ", "");
        try (TableReader reader = new TableReader(loader)) {
            for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
                if (reader.exists(spec)) {
                    line.add(spec.name() + " " + reader.count(spec));
                }
            }
        }
        return line.toString();
    }
}
