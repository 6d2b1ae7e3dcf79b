package io.keyline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.metrics.CommitReport;
import org.apache.iceberg.metrics.MetricsReport;
import org.apache.iceberg.metrics.MetricsReporter;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {

    /** Keeps what Iceberg reports, in place of the log. */
    public static final class Kept implements MetricsReporter {
        static final List<MetricsReport> REPORTS = new CopyOnWriteArrayList<>();

        @Override
        public void report(MetricsReport report) {
            REPORTS.add(report);
        }
    }

    @TempDir Path dir;

    @Test
    void keylinesCatalogsLogCommitsUnlessACatalogFileNamesItsOwnReporter() throws Exception {
        assertThat(Catalogs.embeddedDefinition(dir).properties())
                .containsEntry("metrics-reporter-impl", CommitLog.class.getName());
        Path plain = Files.writeString(dir.resolve("plain.properties"), "type=jdbc\nuri=jdbc:x\n");
        assertThat(Catalogs.definitionFrom(plain).properties())
                .containsEntry("metrics-reporter-impl", CommitLog.class.getName());
        Path own =
                Files.writeString(
                        dir.resolve("own.properties"),
                        "type=jdbc\nuri=jdbc:x\nmetrics-reporter-impl=com.example.Reporter\n");
        assertThat(Catalogs.definitionFrom(own).properties())
                .containsEntry("metrics-reporter-impl", "com.example.Reporter");
    }

    @Test
    void aCommitIsOneLineWithItsTableFilesRowsAndDuration() throws Exception {
        Catalogs.Definition embedded = Catalogs.embeddedDefinition(dir);
        Map<String, String> props = new HashMap<>(embedded.properties());
        props.put("metrics-reporter-impl", Kept.class.getName());
        Catalog catalog =
                new Catalogs.Definition(embedded.name(), embedded.implementation(), props)
                        .loader()
                        .loadCatalog();
        try {
            ((SupportsNamespaces) catalog).createNamespace(Namespace.of("db"));
            Table table =
                    catalog.createTable(
                            TableIdentifier.of("db", "t"),
                            new Schema(
                                    Types.NestedField.required(1, "id", Types.StringType.get())));
            table.newAppend()
                    .appendFile(
                            DataFiles.builder(PartitionSpec.unpartitioned())
                                    .withPath(dir.resolve("a.parquet").toString())
                                    .withFileSizeInBytes(1234)
                                    .withRecordCount(3)
                                    .build())
                    .appendFile(
                            DataFiles.builder(PartitionSpec.unpartitioned())
                                    .withPath(dir.resolve("b.parquet").toString())
                                    .withFileSizeInBytes(766)
                                    .withRecordCount(4)
                                    .build())
                    .commit();
            CommitReport commit =
                    (CommitReport)
                            Kept.REPORTS.stream()
                                    .filter(r -> r instanceof CommitReport)
                                    .reduce((first, second) -> second)
                                    .orElseThrow();

            assertThat(CommitLog.describe(commit))
                    .matches(
                            "Committed keyline\\.db\\.t: snapshot "
                                    + table.currentSnapshot().snapshotId()
                                    + " \\(append\\), 2 data file\\(s\\), 0 delete file\\(s\\),"
                                    + " 7 row\\(s\\), 0 equality and 0 position delete\\(s\\),"
                                    + " 2000 bytes, in \\d+ ms");
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }
}
