package io.keyline.sink;

import org.apache.iceberg.metrics.CommitMetricsResult;
import org.apache.iceberg.metrics.CommitReport;
import org.apache.iceberg.metrics.CounterResult;
import org.apache.iceberg.metrics.MetricsReport;
import org.apache.iceberg.metrics.MetricsReporter;
import org.apache.iceberg.metrics.TimerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per Iceberg commit: the table, the snapshot and its operation, the data and delete
 * files and the rows it added, and how long it took. The streaming job commits every table once per
 * checkpoint, so these lines are the job's progress, table by table. Scan reports (every read of a
 * table) are not logged.
 *
 * <p>Set on Keyline's catalogs as the Iceberg property {@code metrics-reporter-impl}, unless a
 * catalog file names a reporter of its own.
 */
public final class CommitLog implements MetricsReporter {

    private static final Logger LOG = LoggerFactory.getLogger(CommitLog.class);

    /** The Iceberg catalog property that names the reporter. */
    static final String PROPERTY = "metrics-reporter-impl";

    @Override
    public void report(MetricsReport report) {
        if (report instanceof CommitReport && LOG.isInfoEnabled()) {
            LOG.info(describe((CommitReport) report));
        }
    }

    /** The line logged for a commit. */
    static String describe(CommitReport commit) {
        CommitMetricsResult m = commit.commitMetrics();
        TimerResult duration = m.totalDuration();
        return String.format(
                "Committed %s: snapshot %d (%s), %d data file(s), %d delete file(s), %d row(s),"
                        + " %d equality and %d position delete(s), %d bytes, in %d ms",
                commit.tableName(),
                commit.snapshotId(),
                commit.operation(),
                value(m.addedDataFiles()),
                value(m.addedDeleteFiles()),
                value(m.addedRecords()),
                value(m.addedEqualityDeletes()),
                value(m.addedPositionalDeletes()),
                value(m.addedFilesSizeInBytes()),
                duration == null ? -1 : duration.totalDuration().toMillis());
    }

    /** A count Iceberg leaves out when nothing was added: zero. */
    private static long value(CounterResult counter) {
        return counter == null ? 0 : counter.value();
    }
}
