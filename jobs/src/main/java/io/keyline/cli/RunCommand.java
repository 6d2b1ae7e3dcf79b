package io.keyline.cli;

import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.source.Formats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyline run}: the inventory job over an input folder, into the Iceberg tables. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the inventory job over an input folder whose subfolders are named after formats"
                    + " (cloudtrail/, aws-authorization-details/, aws-access-keys/, aws-credential-report/),"
                    + " writing the Iceberg tables of the namespace 'keyline'.",
            "Without --bounded the folder is watched for new files until the job is stopped."
        })
public class RunCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            paramLabel = "DIR",
            required = true,
            description = "The input folder.")
    Path input;

    @Option(names = "--bounded", description = "Read the input once, evaluate the rules, and stop.")
    boolean bounded;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description =
                    "Evaluate the rules of a bounded run as of this time (ISO-8601 or a date). Default: the latest event time in the input.")
    String asOf;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job. Default: the number of cores.")
    Integer parallelism;

    @Option(
            names = "--watch-interval",
            paramLabel = "SECONDS",
            description =
                    "How often a continuous run looks for new files. Default: ${DEFAULT-VALUE}")
    int watchSeconds = 10;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "SECONDS",
            description =
                    "Checkpoint interval; the tables are committed once per checkpoint. Default: ${DEFAULT-VALUE}")
    int checkpointSeconds = 10;

    @Mixin CatalogOptions catalog;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() throws Exception {
        checkInput(input);
        if (asOf != null && !bounded) {
            throw new UsageException(
                    "--as-of applies to bounded runs; add --bounded or drop --as-of.");
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        if (watchSeconds < 1 || checkpointSeconds < 1) {
            throw new UsageException(
                    "--watch-interval and --checkpoint-interval must be at least 1 second.");
        }
        InventorySettings settings =
                InventorySettings.builder()
                        .bounded(bounded)
                        .asOf(asOf == null ? null : Times.parse("--as-of", asOf))
                        .rules(rules.settings())
                        .fingerprinter(catalog.fingerprinter())
                        .build();
        long started = System.nanoTime();
        InventoryRunner.run(
                new InventoryRunner.Options(
                        input,
                        catalog.loader(),
                        settings,
                        p,
                        Duration.ofSeconds(watchSeconds),
                        Duration.ofSeconds(checkpointSeconds),
                        catalog.dataDir().resolve("checkpoints")));
        System.out.printf(
                "Inventory written to %s in %.1f s.%n",
                catalog.catalogFile != null
                        ? catalog.catalogFile
                        : catalog.dataDir().toAbsolutePath(),
                (System.nanoTime() - started) / 1e9);
        System.out.println(TableSummary.counts(catalog.loader()));
        return 0;
    }

    /** Checks that the input folder exists and that its subfolders are all known formats. */
    static void checkInput(Path input) {
        if (!Files.isDirectory(input)) {
            throw new UsageException(
                    "The input folder "
                            + input
                            + " does not exist or is not a folder; check --input.");
        }
        List<String> unknown = new ArrayList<>();
        boolean any = false;
        try (Stream<Path> children = Files.list(input)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (!Files.isDirectory(child) || name.startsWith(".") || name.startsWith("_")) {
                    continue;
                }
                any = true;
                if (Formats.get(name) == null) {
                    unknown.add(name);
                }
            }
        } catch (IOException e) {
            throw new UsageException(
                    "Cannot list the input folder " + input + ": " + e.getMessage());
        }
        if (!unknown.isEmpty()) {
            throw new UsageException(
                    "The input folder has subfolders that are not format names: "
                            + String.join(", ", unknown)
                            + "; known formats: "
                            + String.join(", ", Formats.all().keySet())
                            + ".");
        }
        if (!any) {
            throw new UsageException(
                    "The input folder "
                            + input
                            + " has no format subfolders; put files under e.g. "
                            + input.resolve("cloudtrail")
                            + ".");
        }
    }
}
