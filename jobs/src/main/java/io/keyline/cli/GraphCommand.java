package io.keyline.cli;

import io.keyline.graph.GraphJob;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.apache.iceberg.data.Record;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyline graph}: the lineage graph, its clusters and effective reach, from the tables. */
@Command(
        name = "graph",
        mixinStandardHelpOptions = true,
        description = {
            "Builds the lineage graph from the inventory's tables and writes lineage_edges,"
                    + " lineage_clusters (connected components of identities and credentials"
                    + " joined by authenticates and trusts edges) and effective_reach (what each"
                    + " credential and identity reaches through chains of trusts, with the path and"
                    + " the hops), each table replaced in one commit.",
            "A batch job with Gelly on Flink's DataSet API; run it after 'keyline run' or"
                    + " 'keyline recompute', for example nightly."
        })
public class GraphCommand implements Callable<Integer> {

    @Option(
            names = "--hop-limit",
            paramLabel = "N",
            description =
                    "The longest chain of trusts followed, 0-16 (0: each credential's own reach only). Default: "
                            + GraphJob.DEFAULT_HOP_LIMIT)
    int hopLimit = GraphJob.DEFAULT_HOP_LIMIT;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job. Default: the number of cores.")
    Integer parallelism;

    @Mixin CatalogOptions catalog;

    @Override
    public Integer call() throws Exception {
        if (hopLimit < 0 || hopLimit > 16) {
            throw new UsageException("--hop-limit must be between 0 and 16, not " + hopLimit + ".");
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        if (catalog.embeddedMissing()) {
            throw new UsageException(
                    "There are no Keyline tables in "
                            + catalog.dataDir()
                            + "; run 'keyline demo' or 'keyline run' first, or point --warehouse at them.");
        }
        GraphJob.Result result = GraphJob.run(new GraphJob.Settings(catalog.loader(), hopLimit, p));
        System.out.printf(
                "Lineage graph of %s written in %.1f s (hop limit %d).%n",
                catalog.catalogFile != null
                        ? catalog.catalogFile
                        : catalog.dataDir().toAbsolutePath(),
                result.seconds(),
                hopLimit);
        StringJoiner rows = new StringJoiner(", ", "Rows: ", "");
        for (Map.Entry<String, Long> e : result.rows().entrySet()) {
            rows.add(e.getKey() + " " + e.getValue());
        }
        System.out.println(rows);
        System.out.println(clusters());
        return 0;
    }

    /** A line on the clusters: how many join two or more members, and the largest. */
    private String clusters() throws Exception {
        Map<String, Integer> sizes = new java.util.HashMap<>();
        Map<String, String> systems = new java.util.HashMap<>();
        try (TableReader tables = new TableReader(catalog.loader())) {
            for (Record r : tables.rows(KeylineTables.LINEAGE_CLUSTERS)) {
                String id = (String) r.getField("cluster_id");
                sizes.put(id, (Integer) r.getField("cluster_size"));
                systems.put(id, (String) r.getField("cluster_systems"));
            }
        }
        String largest = null;
        int joined = 0;
        for (Map.Entry<String, Integer> e : sizes.entrySet()) {
            if (e.getValue() > 1) {
                joined++;
            }
            if (largest == null
                    || e.getValue() > sizes.get(largest)
                    || (e.getValue().equals(sizes.get(largest))
                            && e.getKey().compareTo(largest) < 0)) {
                largest = e.getKey();
            }
        }
        if (largest == null) {
            return "Clusters: none; the tables hold no identities or credentials yet.";
        }
        return String.format(
                "Clusters: %,d, of which %,d join two or more identities and credentials; the largest,"
                        + " %s, has %,d members across %s.",
                sizes.size(), joined, largest, sizes.get(largest), systems.get(largest));
    }
}
