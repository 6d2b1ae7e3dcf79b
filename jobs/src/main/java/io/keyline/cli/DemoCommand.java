package io.keyline.cli;

import io.keyline.demo.EstateGenerator;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
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

    /** The end of the demo's window: fixed, so that a seed always gives the same estate. */
    static final LocalDate END = LocalDate.of(2026, 11, 1);

    /** Marks a warehouse folder as made by the demo, so that a later demo may replace it. */
    static final String MARKER = ".keyline-demo";

    @Option(
            names = "--identities",
            paramLabel = "N",
            description = "Identities (IAM users and roles) to generate. Default: ${DEFAULT-VALUE}")
    int identities = 20_000;

    @Option(
            names = "--days",
            paramLabel = "D",
            description = "Days of CloudTrail to generate. Default: ${DEFAULT-VALUE}")
    int days = 30;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the generator. Default: ${DEFAULT-VALUE}")
    long seed = 1;

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
        if (identities < 10 || identities > 2_000_000) {
            throw new UsageException(
                    "--identities must be between 10 and 2000000, not " + identities + ".");
        }
        if (days < 1 || days > 400) {
            throw new UsageException("--days must be between 1 and 400, not " + days + ".");
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        prepare(warehouse);
        Path input = warehouse.resolve("demo-input");

        // Generate the estate.
        System.out.printf(
                "Generating a synthetic AWS estate of %,d identities and %d days of CloudTrail...%n",
                identities, days);
        long started = System.nanoTime();
        EstateGenerator.Summary estate =
                EstateGenerator.generate(
                        new EstateGenerator.Options(identities, days, seed, END, input));
        double generateSeconds = seconds(started);

        // Run the inventory job over it, bounded.
        System.out.printf(
                "Running the inventory job over %,d CloudTrail records and the IAM listings...%n",
                estate.cloudTrailRecords());
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
                        Duration.ofSeconds(10),
                        warehouse.resolve("checkpoints")));
        double runSeconds = seconds(started);

        // What it found.
        DemoReport.print(
                System.out,
                catalog.loader(),
                new DemoReport.Run(
                        estate, generateSeconds, runSeconds, p, warehouse, input, isDefault()));
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
