package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.AfterAll;

/**
 * The Trino checks on a JDBC catalog on PostgreSQL, the production catalog, set up as the README's
 * one-machine deployment does it: {@code deploy/local/postgres.sh start} creates and starts a
 * PostgreSQL server of the machine's installation and writes the catalog file, Keyline writes a
 * generated estate into it through {@code --catalog}, and Trino reads it with its bundled
 * PostgreSQL driver.
 */
class TrinoPostgresIT extends TrinoChecks {

    private Path postgres;
    private Path catalogFile;

    @Override
    void writeTables() throws Exception {
        // The server's user must reach its folder: one below target/, open to it.
        postgres =
                Files.createTempDirectory(
                        Path.of("target").toAbsolutePath(),
                        "postgres",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwxr-xr-x")));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres("start", "--home", postgres.toString(), "--port", String.valueOf(port));
        catalogFile = postgres.resolve("catalog.properties");
        assertThat(Files.readString(catalogFile))
                .contains("uri=jdbc:postgresql://localhost:" + port + "/keyline");
        Path input = CliRuns.generate(dir.resolve("input"), 150, 20);
        CliRuns.runBounded(input, "--catalog", catalogFile.toString());
        assertThat(
                        Keyline.execute(
                                "graph", "--catalog", catalogFile.toString(), "--parallelism", "2"))
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
            postgres("stop", "--home", postgres.toString());
        }
    }

    /** Runs {@code deploy/local/postgres.sh} and waits for it to succeed. */
    private static void postgres(String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of("bash", ROOT.resolve("deploy/local/postgres.sh").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("postgres.sh %s ends", args[0]).isTrue();
        assertThat(p.exitValue()).as("postgres.sh %s: %s", args[0], output).isZero();
    }
}
