package io.keyline.cli;

import io.keyline.sink.TableReader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code keyline lineage}: one credential's or identity's lineage, from the tables. */
@Command(
        name = "lineage",
        mixinStandardHelpOptions = true,
        description =
                "Shows one credential's lineage from the tables as a tree: origin and creator,"
                        + " identity and privilege, owner, where it is stored, consumers, reach,"
                        + " alerts. Given an identity id, shows the identity: privilege, owner,"
                        + " the principals it trusts, the identities it acts as, its credentials.")
public class LineageCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "ID",
            description =
                    "a credential id (e.g. aws:access-key:AKIA...) or an identity id (e.g."
                            + " arn:aws:iam::123456789012:role/deploy, okta:user:svc-sync@example.com)")
    String id;

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
            String tree = LineageReport.render(tables, id);
            if (tree == null) {
                tree = LineageReport.renderIdentity(tables, id);
            }
            if (tree == null) {
                throw new UsageException(
                        "No credential or identity "
                                + id
                                + " in the tables; ids look like aws:access-key:AKIA... or"
                                + " arn:aws:iam::123456789012:role/name (see the credentials and"
                                + " identities tables).");
            }
            System.out.print(tree);
        }
        return 0;
    }
}
