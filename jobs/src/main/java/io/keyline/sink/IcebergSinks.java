package io.keyline.sink;

import io.keyline.inventory.InventoryStreams;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.data.RowData;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.apache.iceberg.flink.util.FlinkCompatibilityUtil;

/**
 * Writes the inventory's streams into the Iceberg tables: append tables as they come, upsert tables
 * by their key (equality deletes), each committing once per checkpoint.
 *
 * <p>A bounded run writes every table with one writer: Iceberg 1.11.0's sink can drop the files of
 * a writer that finishes its input before the others.
 */
@PublicEvolving
public final class IcebergSinks {

    private IcebergSinks() {}

    public static void attach(
            InventoryStreams streams, CatalogLoader catalog, int writeParallelism) {
        write(streams.events(), TableRows::event, KeylineTables.EVENTS, catalog, writeParallelism);
        write(
                streams.credentials(),
                TableRows::credential,
                KeylineTables.CREDENTIALS,
                catalog,
                writeParallelism);
        write(
                streams.identities(),
                TableRows::identity,
                KeylineTables.IDENTITIES,
                catalog,
                writeParallelism);
        write(
                streams.locations(),
                TableRows::location,
                KeylineTables.CREDENTIAL_LOCATIONS,
                catalog,
                writeParallelism);
        write(
                streams.consumers(),
                TableRows::consumer,
                KeylineTables.CREDENTIAL_CONSUMERS,
                catalog,
                writeParallelism);
        write(
                streams.reach(),
                TableRows::reach,
                KeylineTables.CREDENTIAL_REACH,
                catalog,
                writeParallelism);
        write(
                streams.usage(),
                TableRows::usage,
                KeylineTables.USAGE_DAILY,
                catalog,
                writeParallelism);
        write(streams.alerts(), TableRows::alert, KeylineTables.ALERTS, catalog, writeParallelism);
        write(
                streams.deadLetters(),
                TableRows::deadLetter,
                KeylineTables.DEAD_LETTERS,
                catalog,
                writeParallelism);
    }

    /**
     * Writes a recompute's derived tables, each replaced in one commit at the end of the batch job:
     * an overwrite, which needs no key state (an upsert sink in BATCH mode would hold every key in
     * memory). The archive ({@code events}) and the dead letters are left as they are. Each keyed
     * stage writes a key once at the end of a bounded input, so rows are unique.
     */
    public static void overwrite(InventoryStreams streams, CatalogLoader catalog) {
        overwrite(streams.credentials(), TableRows::credential, KeylineTables.CREDENTIALS, catalog);
        overwrite(streams.identities(), TableRows::identity, KeylineTables.IDENTITIES, catalog);
        overwrite(
                streams.locations(),
                TableRows::location,
                KeylineTables.CREDENTIAL_LOCATIONS,
                catalog);
        overwrite(
                streams.consumers(),
                TableRows::consumer,
                KeylineTables.CREDENTIAL_CONSUMERS,
                catalog);
        overwrite(streams.reach(), TableRows::reach, KeylineTables.CREDENTIAL_REACH, catalog);
        overwrite(streams.usage(), TableRows::usage, KeylineTables.USAGE_DAILY, catalog);
        overwrite(streams.alerts(), TableRows::alert, KeylineTables.ALERTS, catalog);
    }

    private static <T> void overwrite(
            DataStream<T> stream,
            MapFunction<T, RowData> toRow,
            KeylineTables.Spec table,
            CatalogLoader catalog) {
        // The upsert tables ask for upserts in their properties; a replacement needs none.
        sink(stream, toRow, table, catalog, 1).upsert(false).overwrite(true).append();
    }

    private static <T> void write(
            DataStream<T> stream,
            MapFunction<T, RowData> toRow,
            KeylineTables.Spec table,
            CatalogLoader catalog,
            int writeParallelism) {
        FlinkSink.Builder builder = sink(stream, toRow, table, catalog, writeParallelism);
        if (table.mode() == KeylineTables.Mode.UPSERT) {
            builder.equalityFieldColumns(table.key()).upsert(true);
        }
        builder.append();
    }

    private static <T> FlinkSink.Builder sink(
            DataStream<T> stream,
            MapFunction<T, RowData> toRow,
            KeylineTables.Spec table,
            CatalogLoader catalog,
            int writeParallelism) {
        TypeInformation<RowData> rowType =
                FlinkCompatibilityUtil.toTypeInfo(FlinkSchemaUtil.convert(table.schema()));
        DataStream<RowData> rows =
                stream.map(toRow)
                        .returns(rowType)
                        .uid("rows-" + table.name())
                        .name(table.name() + " rows");
        FlinkSink.Builder builder =
                FlinkSink.forRowData(rows)
                        .tableLoader(TableLoader.fromCatalog(catalog, table.id()))
                        .writeParallelism(writeParallelism)
                        .uidPrefix("sink-" + table.name());
        return builder;
    }
}
