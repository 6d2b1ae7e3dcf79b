package io.keyline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keyline query}: Flink SQL over the tables, printed as CSV. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one Flink SQL statement in batch mode with Keyline's catalog current and 'keyline'"
                    + " as the current database, and prints the result as CSV with a header.",
            "Example: keyline query \"SELECT rule, count(*) AS alerts FROM alerts GROUP BY rule\""
        })
public class QueryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SQL", description = "The statement.")
    String sql;

    @Mixin CatalogOptions catalog;

    @Override
    public Integer call() {
        if (catalog.embeddedMissing()) {
            throw new UsageException(
                    "There are no Keyline tables in "
                            + catalog.dataDir()
                            + "; run 'keyline demo' or 'keyline run' first, or point --warehouse at them.");
        }
        SqlQuery.run(catalog, sql, System.out);
        return 0;
    }
}
