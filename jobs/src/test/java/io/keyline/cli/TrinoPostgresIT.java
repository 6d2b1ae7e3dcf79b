package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import io.keyline.testing.LocalPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.AfterAll;

/**
 * The Trino checks on a JDBC catalog on PostgreSQL, the production catalog: a PostgreSQL server of
 * the machine's is started for the test, Keyline writes a generated estate into it through {@code
 * --catalog}, and Trino reads it with its bundled PostgreSQL driver.
 */
class TrinoPostgresIT extends TrinoChecks {

    private LocalPostgres postgres;
    private Path catalogFile;

    @Override
    void writeTables() throws Exception {
        // The server's user must reach its folder: one below target/, open to it.
        Path pg =
                Files.createTempDirectory(
                        Path.of("target").toAbsolutePath(),
                        "postgres",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
        postgres = LocalPostgres.start(pg);
        String url = postgres.createDatabase("iceberg");
        catalogFile =
                Files.writeString(
                        dir.resolve("lake.properties"),
                        String.join(
                                "\n",
                                "type=jdbc",
                                "uri=" + url,
                                "jdbc.user=" + LocalPostgres.USER,
                                "jdbc.password=",
                                "jdbc.schema-version=V1",
                                "warehouse=" + dir.resolve("warehouse").toUri(),
                                ""));
        Path input = dir.resolve("input");
        assertThat(
                        Keyline.execute(
                                "generate",
                                "--out",
                                input.toString(),
                                "--identities",
                                "150",
                                "--days",
                                "20"))
                .isZero();
        assertThat(
                        Keyline.execute(
                                "run",
                                "--bounded",
                                "--input",
                                input.toString(),
                                "--catalog",
                                catalogFile.toString(),
                                "--parallelism",
                                "2"))
                .isZero();
    }

    @Override
    List<String> catalogOptions() {
        return List.of("--catalog", catalogFile.toString());
    }

    @Override
    CatalogLoader catalog() {
        return Catalogs.fromProperties(catalogFile);
    }

    @AfterAll
    void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
