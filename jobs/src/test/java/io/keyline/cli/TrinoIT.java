package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The Trino checks on the embedded catalog (JDBC on SQLite), right after {@code keyline demo}; and
 * the notebooks of {@code notebooks/}, run headless against the same Trino.
 */
class TrinoIT extends TrinoChecks {

    /** The plots each notebook draws. */
    private static final Map<String, Integer> PLOTS =
            Map.of(
                    "01-inventory-at-a-glance.ipynb", 3,
                    "02-unused-privileged-by-owner.ipynb", 1,
                    "03-exposure.ipynb", 2,
                    "04-alerts-over-time.ipynb", 2,
                    "05-lineage-of-one-credential.ipynb", 1);

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

    /**
     * Every notebook runs through {@code jupyter nbconvert --execute} against the Trino under test,
     * raises no error, draws its plots, and prints the figures the tables hold.
     */
    @Test
    @Order(4)
    void theNotebooksRunHeadlessAndDrawTheirPlots() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertThat(notebooks.stream().map(n -> n.getFileName().toString()))
                .containsExactlyInAnyOrderElementsOf(PLOTS.keySet());
        Path out = Files.createDirectories(dir.resolve("notebooks"));
        Map<String, String> printed = new java.util.HashMap<>();
        for (Path notebook : notebooks) {
            String name = notebook.getFileName().toString();
            JsonNode executed = execute(notebook, out);
            List<String> errors = new ArrayList<>();
            int plots = 0;
            StringBuilder text = new StringBuilder();
            for (JsonNode cell : executed.path("cells")) {
                for (JsonNode output : cell.path("outputs")) {
                    String type = output.path("output_type").asText();
                    if (type.equals("error")) {
                        errors.add(output.path("ename") + ": " + output.path("evalue"));
                    } else if (type.equals("stream")) {
                        output.path("text").forEach(line -> text.append(line.asText()));
                    } else if (output.path("data").has("image/png")) {
                        plots++;
                    }
                }
            }
            assertThat(errors).as("errors of %s", name).isEmpty();
            assertThat(plots).as("plots of %s", name).isEqualTo(PLOTS.get(name));
            printed.put(name, text.toString());
        }

        long live =
                iceberg(KeylineTables.CREDENTIALS).stream()
                        .filter(
                                c ->
                                        c.getField("deleted_at") == null
                                                && !"Deleted".equals(c.getField("status")))
                        .count();
        assertThat(printed.get("01-inventory-at-a-glance.ipynb"))
                .contains("credentials not deleted: " + live + "\n");
        int unused =
                strings("SELECT credential_id FROM views.keyline.unused_privileged_credentials")
                        .size();
        assertThat(unused).isPositive();
        assertThat(printed.get("02-unused-privileged-by-owner.ipynb"))
                .contains("unused privileged credentials: " + unused + "\n");
        int exposed = strings("SELECT credential_id FROM views.keyline.exposed_secrets").size();
        assertThat(exposed).isPositive();
        assertThat(printed.get("03-exposure.ipynb"))
                .contains("exposed credentials: " + exposed + "\n");
        List<Record> alerts = iceberg(KeylineTables.ALERTS);
        assertThat(printed.get("04-alerts-over-time.ipynb"))
                .contains("alerts: " + alerts.size() + "\n");

        String lineage = printed.get("05-lineage-of-one-credential.ipynb");
        Matcher credential = Pattern.compile("credential: (\\S+)\n").matcher(lineage);
        assertThat(credential.find()).as("the lineage notebook names its credential").isTrue();
        int facts =
                strings(
                                "SELECT CAST(count(*) AS varchar) FROM"
                                        + " views.keyline.credential_lineage WHERE credential_id"
                                        + " = '"
                                        + credential.group(1).replace("'", "''")
                                        + "'")
                        .stream()
                        .mapToInt(Integer::parseInt)
                        .sum();
        assertThat(facts).isGreaterThan(2);
        assertThat(lineage).contains("lineage facts: " + facts + "\n");
    }

    /** The notebook run by Jupyter against the Trino under test, as written to {@code out}. */
    private JsonNode execute(Path notebook, Path out) throws Exception {
        Path log = out.resolve(notebook.getFileName() + ".log");
        ProcessBuilder jupyter =
                new ProcessBuilder(
                                "jupyter",
                                "nbconvert",
                                "--to",
                                "notebook",
                                "--execute",
                                "--ExecutePreprocessor.timeout=300",
                                "--output-dir",
                                out.toString(),
                                notebook.toString())
                        .directory(notebook.getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        jupyter.environment().put("KEYLINE_TRINO", "http://localhost:" + port);
        Process p;
        try {
            p = jupyter.start();
        } catch (java.io.IOException e) {
            throw new AssertionError(
                    "Jupyter is not installed: install Debian's jupyter-nbconvert,"
                            + " python3-ipykernel, python3-matplotlib and python3-pandas.",
                    e);
        }
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("%s ends", notebook).isTrue();
        assertThat(p.exitValue()).as("nbconvert of %s; see %s", notebook, log).isZero();
        return new ObjectMapper().readTree(out.resolve(notebook.getFileName()).toFile());
    }
}
