package io.keyline.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/** Reads Keyline's tables back through Iceberg directly, for the command line and tests. */
@PublicEvolving
public final class TableReader implements AutoCloseable {

    private final Catalog catalog;

    public TableReader(CatalogLoader loader) {
        this.catalog = loader.loadCatalog();
    }

    public boolean exists(KeylineTables.Spec spec) {
        return catalog.tableExists(spec.id());
    }

    public Table table(KeylineTables.Spec spec) {
        return catalog.loadTable(spec.id());
    }

    /** Every row of a table matching a filter (equality deletes applied). */
    public List<Record> rows(KeylineTables.Spec spec, Expression filter) {
        List<Record> rows = new ArrayList<>();
        forEach(spec, filter, rows::add);
        return rows;
    }

    public List<Record> rows(KeylineTables.Spec spec) {
        return rows(spec, Expressions.alwaysTrue());
    }

    public void forEach(KeylineTables.Spec spec, Expression filter, Consumer<Record> action) {
        Table table = table(spec);
        if (table.currentSnapshot() == null) {
            return;
        }
        try (CloseableIterable<Record> records =
                IcebergGenerics.read(table).where(filter).build()) {
            for (Record r : records) {
                action.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read table " + spec.id(), e);
        }
    }

    /** The number of rows of a table; for tables without deletes, from the snapshot summary. */
    public long count(KeylineTables.Spec spec) {
        Table table = table(spec);
        Snapshot snapshot = table.currentSnapshot();
        if (snapshot == null) {
            return 0;
        }
        if (spec.mode() != KeylineTables.Mode.UPSERT) {
            String total = snapshot.summary().get("total-records");
            if (total != null) {
                return Long.parseLong(total);
            }
        }
        long[] n = {0};
        forEach(spec, Expressions.alwaysTrue(), r -> n[0]++);
        return n[0];
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable) {
            ((AutoCloseable) catalog).close();
        }
    }
}
