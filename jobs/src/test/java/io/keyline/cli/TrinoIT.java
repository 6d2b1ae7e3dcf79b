package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.flink.CatalogLoader;

/** The Trino checks on the embedded catalog (JDBC on SQLite), right after {@code keyline demo}. */
class TrinoIT extends TrinoChecks {

    private Path data() {
        return dir.resolve("data");
    }

    @Override
    void writeTables() {
        assertThat(
                        Keyline.execute(
                                "demo",
                                "--identities",
                                "150",
                                "--days",
                                "20",
                                "--warehouse",
                                data().toString(),
                                "--parallelism",
                                "2"))
                .isZero();
    }

    @Override
    List<String> catalogOptions() {
        return List.of("--warehouse", data().toString());
    }

    @Override
    CatalogLoader catalog() {
        return Catalogs.embedded(data());
    }
}
