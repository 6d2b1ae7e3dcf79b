package io.keyline.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.util.Preconditions;

/**
 * What a benchmark run found, and the two files it leaves in its output folder: {@code
 * results.csv}, one {@code measure,value,unit} line per measure for scripts that compare runs, and
 * {@code results.md}, the same as tables for people, with the machine and the settings it ran with.
 */
final class Results {

    static final String CSV = "results.csv";
    static final String MARKDOWN = "results.md";

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final List<Measure> measures = new ArrayList<>();
    private final Map<String, List<Long>> samples = new LinkedHashMap<>();

    /** A setting the run used, shown in the report (a setting worth comparing is a measure too). */
    Results setting(String name, String value) {
        settings.put(name, value);
        return this;
    }

    Results add(Measure measure) {
        Preconditions.checkArgument(
                measures.stream().noneMatch(m -> m.name().equals(measure.name())),
                "The measure %s was already recorded; measure names are unique.",
                measure.name());
        measures.add(measure);
        return this;
    }

    /**
     * The 50th and 95th percentiles and the maximum of some latencies, and their count; the report
     * also lists every sample.
     */
    Results addLatencies(String name, Latencies latencies, String meaning) {
        samples.put(name, latencies.all());
        add(new Measure(name + "_p50", latencies.percentile(50), "ms", meaning + ", median"));
        add(
                new Measure(
                        name + "_p95",
                        latencies.percentile(95),
                        "ms",
                        meaning + ", 95th percentile"));
        add(new Measure(name + "_max", latencies.max(), "ms", meaning + ", slowest"));
        return add(
                new Measure(name + "_samples", latencies.count(), "count", "samples of " + name));
    }

    List<Measure> measures() {
        return List.copyOf(measures);
    }

    /** Writes {@value #CSV} and {@value #MARKDOWN} into {@code dir}, creating it if needed. */
    void writeTo(Path dir, Machine machine, Instant finishedAt) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CSV), csv(), StandardCharsets.UTF_8);
        Files.writeString(
                dir.resolve(MARKDOWN), markdown(machine, finishedAt), StandardCharsets.UTF_8);
    }

    String csv() {
        StringBuilder out = new StringBuilder("measure,value,unit\n");
        for (Measure m : measures) {
            out.append(m.name())
                    .append(',')
                    .append(m.formattedValue())
                    .append(',')
                    .append(m.unit())
                    .append('\n');
        }
        return out.toString();
    }

    String markdown(Machine machine, Instant finishedAt) {
        StringBuilder out = new StringBuilder("# Keyline benchmark results\n\n");
        out.append("Finished at ").append(finishedAt).append(".\n\n");

        out.append("## Machine\n\n| | |\n|---|---|\n");
        row(out, "cores", String.valueOf(machine.cores()));
        row(out, "memory", machine.memoryBytes() < 0 ? "unknown" : gib(machine.memoryBytes()));
        row(out, "max heap", gib(machine.maxHeapBytes()));
        row(out, "JDK", machine.jdk());
        row(out, "OS", machine.os());
        row(out, "load average (1 min) at the start", load(machine.loadAverage()));

        out.append("\n## Settings\n\n| setting | value |\n|---|---|\n");
        settings.forEach((name, value) -> row(out, name, value));

        out.append("\n## Results\n\n| measure | value | unit | meaning |\n|---|---:|---|---|\n");
        for (Measure m : measures) {
            out.append("| `")
                    .append(m.name())
                    .append("` | ")
                    .append(m.formattedValue())
                    .append(" | ")
                    .append(m.unit())
                    .append(" | ")
                    .append(cell(m.meaning()))
                    .append(" |\n");
        }

        if (!samples.isEmpty()) {
            out.append("\n## Samples\n\nIn milliseconds, in the order they were taken.\n\n");
            samples.forEach(
                    (name, ms) ->
                            out.append("- `")
                                    .append(name)
                                    .append("`: ")
                                    .append(
                                            String.join(
                                                    ", ",
                                                    ms.stream().map(String::valueOf).toList()))
                                    .append('\n'));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(cell(name)).append(" | ").append(cell(value)).append(" |\n");
    }

    /** A table cell: a pipe or a line break would end the cell or the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    static String load(double average) {
        return average < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", average);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
