package io.keyline.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes the window's CloudTrail records day by day. Each day is planned on the calling thread
 * (which records usage), then its accounts are written in parallel while the next day is planned;
 * results are gathered in account order, so the output does not depend on the threads.
 */
final class WindowWriter {

    private final Estate e;
    private final OutputTree tree;
    private final PlantedInput planted;
    private final DayPlanner planner;

    WindowWriter(Estate e, Usage usage, OutputTree tree, PlantedInput planted) {
        this.e = e;
        this.tree = tree;
        this.planted = planted;
        this.planner = new DayPlanner(e, usage);
    }

    /**
     * Writes every day and returns the number of records; the first session tokens written go into
     * {@code secrets}, up to {@link EstateGenerator#MAX_LISTED_TOKENS}.
     */
    long write(List<String> secrets) throws IOException {
        int threads = Math.max(1, Math.min(e.accounts, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        threads,
                        task -> {
                            Thread t = new Thread(task, "keyline-generate");
                            t.setDaemon(true);
                            return t;
                        });
        long records = 0;
        try {
            DayBuffer[] next = planner.plan(0);
            for (int day = 0; day < e.days; day++) {
                List<Future<AccountDayWriter.Result>> writing = submit(pool, day, next);
                next = day + 1 < e.days ? planner.plan(day + 1) : null;
                for (int k = 0; k < e.accounts; k++) {
                    AccountDayWriter.Result result = get(writing.get(k));
                    records += result.records();
                    tree.written(result.files(), result.bytes());
                    for (String secret : result.secrets()) {
                        if (secrets.size() < EstateGenerator.MAX_LISTED_TOKENS) {
                            secrets.add(secret);
                        }
                    }
                    if (day == 0 && k == 0) {
                        planted.truncatedCopy(result.firstFile());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return records;
    }

    private List<Future<AccountDayWriter.Result>> submit(
            ExecutorService pool, int day, DayBuffer[] buffers) {
        List<Future<AccountDayWriter.Result>> writing = new ArrayList<>(e.accounts);
        for (int k = 0; k < e.accounts; k++) {
            int account = k;
            writing.add(
                    pool.submit(
                            () ->
                                    AccountDayWriter.write(
                                            e,
                                            tree,
                                            account,
                                            day,
                                            buffers[account],
                                            planted.linesFor(account, day),
                                            EstateGenerator.MAX_LISTED_TOKENS)));
        }
        return writing;
    }

    private static AccountDayWriter.Result get(Future<AccountDayWriter.Result> future)
            throws IOException {
        try {
            return future.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while writing CloudTrail files.", ex);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof UncheckedIOException) {
                throw ((UncheckedIOException) cause).getCause();
            }
            throw new IllegalStateException("Writing CloudTrail files failed.", cause);
        }
    }
}
