package io.keyline.bench;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;

/**
 * What the continuous job wrote to the upsert tables, commit by commit (each commit is one
 * checkpoint): data files, equality-delete files and rows per commit, and how many times one key
 * was written within one commit, read from the rows each commit added. The stages coalesce their
 * writes, so a key should be written at most once per checkpoint however often it changed.
 */
final class WriteAmplification {

    private static final List<KeylineTables.Spec> UPSERT_TABLES =
            List.of(
                    KeylineTables.CREDENTIALS,
                    KeylineTables.IDENTITIES,
                    KeylineTables.CREDENTIAL_CONSUMERS,
                    KeylineTables.CREDENTIAL_REACH);

    private WriteAmplification() {}

    static void measure(StateSize.Run run, Results results) throws Exception {
        System.out.println("Reading what each commit wrote...");
        try (TableReader tables = new TableReader(run.catalog())) {
            for (KeylineTables.Spec spec : UPSERT_TABLES) {
                table(tables.table(spec), spec, results);
            }
        }
    }

    private static void table(Table table, KeylineTables.Spec spec, Results results)
            throws Exception {
        Schema keys = table.schema().select(spec.key());
        long commits = 0;
        long dataFiles = 0;
        long deleteFiles = 0;
        long rows = 0;
        long rewrites = 0;
        int maxPerKey = 0;
        for (Snapshot snapshot : table.snapshots()) {
            Map<String, String> summary = snapshot.summary();
            long added = number(summary, "added-records");
            if (added == 0) {
                continue;
            }
            commits++;
            dataFiles += number(summary, "added-data-files");
            deleteFiles +=
                    number(summary, "added-equality-delete-files")
                            + number(summary, "added-position-delete-files");
            rows += added;
            Map<List<Object>, Integer> perKey = new HashMap<>();
            for (DataFile file : snapshot.addedDataFiles(table.io())) {
                try (CloseableIterable<Record> records =
                        Parquet.read(table.io().newInputFile(file.path().toString()))
                                .project(keys)
                                .createReaderFunc(
                                        fileSchema ->
                                                GenericParquetReaders.buildReader(keys, fileSchema))
                                .build()) {
                    for (Record r : records) {
                        List<Object> key =
                                keys.columns().stream()
                                        .map(c -> r.getField(c.name()))
                                        .collect(Collectors.toList());
                        perKey.merge(key, 1, Integer::sum);
                    }
                }
            }
            for (int n : perKey.values()) {
                maxPerKey = Math.max(maxPerKey, n);
                rewrites += n - 1;
            }
        }
        String name = spec.name();
        double perCommit = commits == 0 ? 0 : 1.0 / commits;
        results.add(
                        new Measure(
                                "writes_" + name + "_commits",
                                commits,
                                "count",
                                name + ": commits that wrote rows (one per checkpoint)"))
                .add(
                        new Measure(
                                "writes_" + name + "_data_files_per_commit",
                                round(dataFiles * perCommit),
                                "files",
                                name + ": data files added per commit"))
                .add(
                        new Measure(
                                "writes_" + name + "_delete_files_per_commit",
                                round(deleteFiles * perCommit),
                                "files",
                                name + ": delete files (equality and position) added per commit"))
                .add(
                        new Measure(
                                "writes_" + name + "_rows_per_commit",
                                round(rows * perCommit),
                                "rows",
                                name + ": rows written per commit"))
                .add(
                        new Measure(
                                "writes_" + name + "_max_upserts_per_key_per_commit",
                                maxPerKey,
                                "count",
                                name
                                        + ": the most times one key was written in one commit"
                                        + " (target: 1)"))
                .add(
                        new Measure(
                                "writes_" + name + "_repeated_upserts",
                                rewrites,
                                "count",
                                name
                                        + ": writes of a key beyond its first in the same"
                                        + " commit, over all commits"));
    }

    private static long number(Map<String, String> summary, String key) {
        String v = summary.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
