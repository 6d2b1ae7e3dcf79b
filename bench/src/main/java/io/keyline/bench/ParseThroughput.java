package io.keyline.bench;

import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.IdentityEvent;
import io.keyline.source.FileRecords;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The parsers alone over an estate's files: framing (gzip, lines, documents) and parsing into
 * identity events, outside Flink, with nothing downstream. Each format is measured on one thread
 * (events and megabytes per second per core); then all files on {@code p} threads, the rate the
 * end-to-end run is compared with. Every measured pass follows an unmeasured one, so that the JIT
 * has compiled the parsers.
 */
final class ParseThroughput {

    /** Events, raw records and bytes of one pass. */
    record Pass(long events, long records, long bytes, double seconds) {

        Pass plus(Pass o) {
            return new Pass(
                    events + o.events, records + o.records, bytes + o.bytes, seconds + o.seconds);
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        double megabytesPerSecond() {
            return bytes / (1024.0 * 1024) / seconds;
        }
    }

    private ParseThroughput() {}

    /** Measures every format on one thread, then all on {@code p}; returns the latter. */
    static Pass measure(Estate estate, int p, Results results) throws Exception {
        System.out.println("Parsing every format alone...");
        Pass single = new Pass(0, 0, 0, 0);
        for (Path folder : estate.formatFolders()) {
            String format = folder.getFileName().toString();
            List<Path> files = Estate.files(folder);
            parse(estate, format, files);
            Pass pass = parse(estate, format, files);
            single = single.plus(pass);
            String name = format.replace('-', '_');
            results.add(
                            new Measure(
                                    "parse_" + name + "_events_per_s",
                                    Math.round(pass.eventsPerSecond()),
                                    "events/s",
                                    format
                                            + ": identity events per second on one thread ("
                                            + pass.events
                                            + " events from "
                                            + pass.records
                                            + " records of "
                                            + files.size()
                                            + " files)"))
                    .add(
                            new Measure(
                                    "parse_" + name + "_mb_per_s",
                                    round(pass.megabytesPerSecond()),
                                    "MiB/s",
                                    format
                                            + ": megabytes of records (after gzip) per second on"
                                            + " one thread"));
        }
        results.add(
                new Measure(
                        "parse_events_per_s_per_core",
                        Math.round(single.eventsPerSecond()),
                        "events/s",
                        "every format, one after the other, on one thread"));

        // All files on p threads, each thread a share of the files of every format.
        List<Task> tasks = new ArrayList<>();
        for (Path folder : estate.formatFolders()) {
            for (Path file : Estate.files(folder)) {
                tasks.add(new Task(folder.getFileName().toString(), file));
            }
        }
        parallel(estate, tasks, p);
        Pass all = parallel(estate, tasks, p);
        results.add(
                        new Measure(
                                "parse_events_per_s",
                                Math.round(all.eventsPerSecond()),
                                "events/s",
                                "every file of every format on "
                                        + p
                                        + " threads: the parse-only rate the job is compared with ("
                                        + all.events
                                        + " events)"))
                .add(
                        new Measure(
                                "parse_mb_per_s",
                                round(all.megabytesPerSecond()),
                                "MiB/s",
                                "the same, in megabytes of records per second"))
                .add(
                        new Measure(
                                "parse_events",
                                all.events,
                                "count",
                                "identity events the parsers make of the estate"));
        return all;
    }

    private record Task(String format, Path file) {}

    private static Pass parse(Estate estate, String format, List<Path> files) throws IOException {
        Counter counter = new Counter(estate, Formats.require(format));
        long started = System.nanoTime();
        for (Path file : files) {
            counter.file(file);
        }
        return counter.pass((System.nanoTime() - started) / 1e9);
    }

    private static Pass parallel(Estate estate, List<Task> tasks, int p) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(p);
        try {
            long started = System.nanoTime();
            List<Future<Pass>> shares = new ArrayList<>();
            for (int t = 0; t < p; t++) {
                int share = t;
                shares.add(
                        threads.submit(
                                () -> {
                                    Pass sum = new Pass(0, 0, 0, 0);
                                    for (int i = share; i < tasks.size(); i += p) {
                                        Task task = tasks.get(i);
                                        Counter c =
                                                new Counter(estate, Formats.require(task.format()));
                                        c.file(task.file());
                                        sum = sum.plus(c.pass(0));
                                    }
                                    return sum;
                                }));
            }
            Pass total = new Pass(0, 0, 0, 0);
            for (Future<Pass> share : shares) {
                total = total.plus(share.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Pass(total.events, total.records, total.bytes, seconds);
        } finally {
            threads.shutdownNow();
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Parses files of one format and counts what came out; the events go nowhere. */
    private static final class Counter implements ParseOutput {
        private final FormatSpec spec;
        private final RecordParser parser;
        private long events;
        private long records;
        private long bytes;

        Counter(Estate estate, FormatSpec spec) {
            this.spec = spec;
            this.parser = spec.newParser(estate.fingerprinter());
        }

        void file(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                FileRecords.forEach(in, spec, file.toString(), 0L, this::record);
            } catch (IOException unreadable) {
                // A planted broken file: what was read of it counts, as in the job.
            }
        }

        private void record(RawRecord record) {
            records++;
            if (record.getError() == null) {
                bytes += record.getPayload().length;
                parser.parse(record, this);
            }
        }

        @Override
        public void emit(IdentityEvent event) {
            events++;
        }

        @Override
        public void reject(String reason, byte[] payload) {}

        Pass pass(double seconds) {
            return new Pass(events, records, bytes, seconds);
        }
    }
}
