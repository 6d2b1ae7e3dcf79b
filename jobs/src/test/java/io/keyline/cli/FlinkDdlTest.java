package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Flink SQL DDL of {@code sql/flink/} creates, through Iceberg's Flink catalog, the tables the
 * job creates: the same columns in the same order with the same types and nullability, the same
 * keys, format v2 and the same upsert mode. One file per table, one table per file.
 */
class FlinkDdlTest {

    private static final Path DDL = Path.of("..", "sql", "flink");

    @TempDir Path dir;

    @Test
    void theDdlOfEveryTableCreatesTheTableTheJobCreates() throws Exception {
        List<String> files;
        try (Stream<Path> all = Files.list(DDL)) {
            files =
                    all.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".sql"))
                            .sorted()
                            .collect(Collectors.toList());
        }
        assertThat(files)
                .containsExactlyInAnyOrderElementsOf(
                        KeylineTables.ALL.keySet().stream()
                                .map(n -> n + ".sql")
                                .collect(Collectors.toList()));

        Catalogs.Definition definition = Catalogs.embeddedDefinition(dir);
        TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tables.executeSql(SqlQuery.createCatalog(definition));
        tables.executeSql("USE CATALOG `" + definition.name() + "`");
        tables.executeSql("CREATE DATABASE IF NOT EXISTS keyline");
        for (String file : files) {
            tables.executeSql(Files.readString(DDL.resolve(file)).trim().replaceAll(";$", ""));
        }

        Catalog catalog = definition.loader().loadCatalog();
        try {
            for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
                Table table = catalog.loadTable(spec.id());
                assertThat(columns(table.schema()))
                        .as(spec.name())
                        .isEqualTo(columns(spec.schema()));
                assertThat(table.schema().identifierFieldNames())
                        .as("the key of %s", spec.name())
                        .isEqualTo(Set.copyOf(spec.key()));
                assertThat(((BaseTable) table).operations().current().formatVersion()).isEqualTo(2);
                assertThat(table.properties())
                        .containsEntry(
                                "write.upsert.enabled",
                                String.valueOf(spec.mode() == KeylineTables.Mode.UPSERT));
            }
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }

    /** Each column as name, nullability and type (nested types included), without field ids. */
    private static List<String> columns(Schema schema) {
        return schema.columns().stream().map(FlinkDdlTest::column).collect(Collectors.toList());
    }

    private static String column(Types.NestedField f) {
        return f.name() + " " + (f.isRequired() ? "required" : "optional") + " " + f.type();
    }
}
