package io.keyline.graph;

import io.keyline.sink.KeylineTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.RichMapPartitionFunction;
import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.RowDataTaskWriterFactory;
import org.apache.iceberg.flink.source.FlinkInputFormat;
import org.apache.iceberg.flink.source.FlinkSource;
import org.apache.iceberg.flink.util.FlinkCompatibilityUtil;
import org.apache.iceberg.io.TaskWriter;
import org.apache.iceberg.io.WriteResult;
import org.apache.iceberg.util.SerializableSupplier;
import org.apache.iceberg.util.SerializationUtil;

/**
 * Iceberg from the DataSet API. Reading goes through Iceberg's Flink input format (the current
 * snapshot, equality deletes applied, only the columns asked for). Writing is in two parts: each
 * parallel task writes Parquet data files for its share of the rows and hands back their metadata;
 * once the job has finished, the client commits every file of a table in one overwrite, so each
 * table changes in exactly one snapshot, or not at all when the job fails.
 */
final class TableIo {

    private static final long TARGET_FILE_BYTES = 128L * 1024 * 1024;

    private TableIo() {}

    /** The named columns of a table, in the order given, as rows of {@link Columns}. */
    static DataSet<RowData> read(
            ExecutionEnvironment env,
            CatalogLoader catalog,
            KeylineTables.Spec spec,
            Columns columns) {
        Schema projected = spec.schema().select(columns.names);
        columns.positions(projected);
        RowType rowType = FlinkSchemaUtil.convert(projected);
        FlinkInputFormat format =
                FlinkSource.forRowData()
                        .tableLoader(TableLoader.fromCatalog(catalog, spec.id()))
                        .project(FlinkSchemaUtil.toSchema(rowType))
                        .buildFormat();
        return env.createInput(format, FlinkCompatibilityUtil.toTypeInfo(rowType))
                .name("read " + spec.name());
    }

    /**
     * The columns a read asks for, and where each lands in the rows it returns (a projection keeps
     * the table's column order, not the order asked for).
     */
    static final class Columns implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        final List<String> names;
        private final Map<String, Integer> position = new LinkedHashMap<>();

        Columns(String... names) {
            this.names = List.of(names);
        }

        void positions(Schema projected) {
            for (int i = 0; i < projected.columns().size(); i++) {
                position.put(projected.columns().get(i).name(), i);
            }
        }

        String string(RowData row, String column) {
            int i = position.get(column);
            return row.isNullAt(i) ? null : row.getString(i).toString();
        }

        List<String> strings(RowData row, String column) {
            int i = position.get(column);
            List<String> out = new ArrayList<>();
            if (row.isNullAt(i)) {
                return out;
            }
            ArrayData array = row.getArray(i);
            for (int j = 0; j < array.size(); j++) {
                if (!array.isNullAt(j)) {
                    out.add(array.getString(j).toString());
                }
            }
            return out;
        }
    }

    /**
     * Writes records, as rows of a table, into new data files of that table without committing
     * them: the result is, per file, the table's name and the file's serialized metadata.
     */
    static <T> DataSet<Tuple2<String, byte[]>> write(
            DataSet<T> records,
            MapFunction<T, RowData> toRow,
            CatalogLoader catalog,
            KeylineTables.Spec spec) {
        DataSet<RowData> rows =
                records.map(toRow)
                        .returns(
                                FlinkCompatibilityUtil.toTypeInfo(
                                        FlinkSchemaUtil.convert(spec.schema())))
                        .name(spec.name() + " rows");
        Catalog c = catalog.loadCatalog();
        Table table;
        try {
            table = SerializableTable.copyOf(c.loadTable(spec.id()));
        } finally {
            close(c);
        }
        return rows.mapPartition(new FileWriter(table, spec.name()))
                .name("write " + spec.name() + " files");
    }

    /** Replaces every row of each table with the files written for it, one commit per table. */
    static Map<String, Long> commit(
            CatalogLoader catalog, List<String> tables, List<Tuple2<String, byte[]>> files) {
        Map<String, Long> rows = new LinkedHashMap<>();
        Catalog c = catalog.loadCatalog();
        try {
            for (String name : tables) {
                Table table = c.loadTable(KeylineTables.ALL.get(name).id());
                OverwriteFiles overwrite =
                        table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
                long written = 0;
                for (Tuple2<String, byte[]> file : files) {
                    if (file.f0.equals(name)) {
                        DataFile data = SerializationUtil.deserializeFromBytes(file.f1);
                        overwrite.addFile(data);
                        written += data.recordCount();
                    }
                }
                overwrite.commit();
                rows.put(name, written);
            }
        } finally {
            close(c);
        }
        return rows;
    }

    private static void close(Catalog c) {
        if (c instanceof AutoCloseable) {
            try {
                ((AutoCloseable) c).close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot close the catalog", e);
            }
        }
    }

    /** Writes one task's rows as Parquet files of a table and emits their metadata. */
    private static final class FileWriter
            extends RichMapPartitionFunction<RowData, Tuple2<String, byte[]>> {
        private static final long serialVersionUID = 1L;

        private final Table table;
        private final String name;

        FileWriter(Table table, String name) {
            this.table = table;
            this.name = name;
        }

        @Override
        public void mapPartition(Iterable<RowData> rows, Collector<Tuple2<String, byte[]>> out)
                throws Exception {
            Table held = table;
            RowDataTaskWriterFactory factory =
                    new RowDataTaskWriterFactory(
                            (SerializableSupplier<Table>) () -> held,
                            FlinkSchemaUtil.convert(table.schema()),
                            TARGET_FILE_BYTES,
                            FileFormat.PARQUET,
                            table.properties(),
                            List.of(),
                            false);
            factory.initialize(
                    getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    getRuntimeContext().getTaskInfo().getAttemptNumber());
            TaskWriter<RowData> writer = factory.create();
            WriteResult result;
            try {
                for (RowData row : rows) {
                    writer.write(row);
                }
                result = writer.complete();
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e instanceof IOException
                        ? new UncheckedIOException((IOException) e)
                        : (RuntimeException) e;
            }
            for (DataFile file : result.dataFiles()) {
                out.collect(Tuple2.of(name, SerializationUtil.serializeToBytes(file)));
            }
        }
    }
}
