package io.keyline.cli;

import io.keyline.demo.EstateGenerator;
import io.keyline.graph.GraphJob;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.KeylineTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keyline demo}: generates a synthetic AWS estate, runs the inventory job over it into the
 * embedded catalog, and prints what a security engineer looks at first.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Generates a synthetic AWS estate (IAM listings, a credential report and CloudTrail in"
                    + " AWS's own formats), runs the inventory job over it, and prints a summary:"
                    + " identities and credentials, alerts by rule, the five worst credentials with"
                    + " their lineage, and how to query the tables.",
            "The tables go to the embedded catalog in --warehouse; a folder made by an earlier demo"
                    + " is replaced."
        })
public class DemoCommand implements Callable<Integer> {

    /** Marks a warehouse folder as made by the demo, so that a later demo may replace it. */
    static final String MARKER = ".keyline-demo";

    @Mixin EstateOptions estate;

    @Option(
            names = "--warehouse",
            paramLabel = "DIR",
            description = "Folder of the embedded catalog. Default: ./keyline-data")
    Path warehouse = CatalogOptions.DEFAULT_WAREHOUSE;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job. Default: the number of cores.")
    Integer parallelism;

    @Override
    public Integer call() throws Exception {
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        Path input = warehouse.resolve("demo-input");
        EstateGenerator.Options options = estate.toOptions(EstateOptions.DEFAULT_END, input);
        prepare(warehouse);

        // Generate the estate.
        System.out.printf(
                "Generating a synthetic AWS estate of %,d identities and %d days of CloudTrail%s...%n",
                estate.identities, estate.days, estate.systems ? ", with the other systems" : "");
        long started = System.nanoTime();
        EstateGenerator.Summary generated = EstateGenerator.generate(options);
        double generateSeconds = seconds(started);

        // Run the inventory job over it, bounded.
        System.out.printf(
                "Running the inventory job over %,d CloudTrail records and the listings...%n",
                generated.cloudTrailRecords());
        CatalogOptions catalog = new CatalogOptions();
        catalog.warehouse = warehouse;
        started = System.nanoTime();
        InventoryRunner.run(
                new InventoryRunner.Options(
                        input,
                        catalog.loader(),
                        InventorySettings.builder()
                                .bounded(true)
                                .fingerprinter(catalog.fingerprinter())
                                .build(),
                        p,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(RunCommand.BOUNDED_CHECKPOINT_SECONDS),
                        warehouse.resolve("checkpoints")));
        double runSeconds = seconds(started);

        // The lineage graph over the tables: clusters and effective reach.
        System.out.println("Building the lineage graph: clusters and effective reach...");
        GraphJob.Result graph =
                GraphJob.run(
                        new GraphJob.Settings(catalog.loader(), GraphJob.DEFAULT_HOP_LIMIT, p));
        System.out.printf(
                "Lineage graph written in %.1f s: %,d edges, %,d cluster members, %,d reach rows.%n",
                graph.seconds(),
                graph.rows().get(KeylineTables.LINEAGE_EDGES.name()),
                graph.rows().get(KeylineTables.LINEAGE_CLUSTERS.name()),
                graph.rows().get(KeylineTables.EFFECTIVE_REACH.name()));

        // What it found.
        DemoReport.print(
                System.out,
                catalog.loader(),
                new DemoReport.Run(
                        generated, generateSeconds, runSeconds, p, warehouse, input, isDefault()));
        return 0;
    }

    private boolean isDefault() {
        return warehouse.normalize().equals(CatalogOptions.DEFAULT_WAREHOUSE.normalize());
    }

    /** Empties a folder the demo made before, refuses one it did not make. */
    static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(dir + " is a file, not a folder; give --warehouse a folder.");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir)) {
            if (!Files.exists(dir.resolve(MARKER))) {
                throw new UsageException(
                        "The folder "
                                + dir
                                + " holds data that no demo made; give the demo another folder with --warehouse.");
            }
            deleteTree(dir);
        }
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve(MARKER), "made by keyline demo; the next demo replaces this folder\n");
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
