package io.keyline.bench;

import io.keyline.sink.KeylineTables;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The {@code credentials} table as a reader sees it while the job commits: each look refreshes the
 * table to its latest snapshot and scans for one credential, as a query engine would.
 */
final class CredentialsTable implements AutoCloseable {

    /** How often a waiting reader looks again. */
    static final Duration POLL = Duration.ofMillis(50);

    private final Catalog catalog;
    private final Table table;

    CredentialsTable(CatalogLoader loader) {
        this.catalog = loader.loadCatalog();
        this.table = catalog.loadTable(KeylineTables.CREDENTIALS.id());
    }

    /**
     * Looks every {@link #POLL} until a committed row of the credential matches, and returns the
     * {@link System#nanoTime()} at which it was read.
     */
    long awaitRow(String credentialId, Predicate<Record> wanted, Duration patience)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (hasRow(credentialId, wanted)) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "No row of "
                                + credentialId
                                + " was committed to the credentials table within "
                                + patience.toSeconds()
                                + " s; is the job running and checkpointing?");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private boolean hasRow(String credentialId, Predicate<Record> wanted) throws IOException {
        table.refresh();
        if (table.currentSnapshot() == null) {
            return false;
        }
        try (CloseableIterable<Record> rows =
                IcebergGenerics.read(table)
                        .where(Expressions.equal("credential_id", credentialId))
                        .build()) {
            for (Record r : rows) {
                if (credentialId.equals(r.getField("credential_id")) && wanted.test(r)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        if (catalog instanceof AutoCloseable) {
            ((AutoCloseable) catalog).close();
        }
    }
}
