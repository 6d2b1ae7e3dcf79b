package io.keyline.cli;

import io.keyline.sink.TableReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keyline lineage}: one credential's lineage, from the tables. */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description =
                "Shows one credential's lineage from the tables as a tree: origin and creator,"
                        + " identity and privilege, owner, consumers, reach, alerts.")
public class LineageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CREDENTIAL_ID", description = "e.g. aws:access-key:AKIA...")
    String credentialId;

    @Mixin CatalogOptions catalog;

    @Override
    public Integer call() throws Exception {
        if (catalog.embeddedMissing()) {
            throw new UsageException(
                    "There are no Keyline tables in "
                            + catalog.dataDir()
                            + "; run 'keyline demo' or 'keyline run' first, or point --warehouse at them.");
        }
        try (TableReader tables = new TableReader(catalog.loader())) {
            String tree = LineageReport.render(tables, credentialId);
            if (tree == null) {
                throw new UsageException(
                        "No credential "
                                + credentialId
                                + " in the credentials table; ids look like aws:access-key:AKIA...");
            }
            System.out.print(tree);
        }
        return 0;
    }
}
