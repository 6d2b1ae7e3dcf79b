package io.keyline.bench;

import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A JMH micro-benchmark of the parsers alone, on one thread: the records of one format of a small
 * generated estate (already framed, so the file reading and gzip are not in it), parsed over and
 * over. Its {@code events} counter is the identity events made per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    @Param({
        "cloudtrail",
        "aws-authorization-details",
        "gcp-audit",
        "azure-signin",
        "okta-system-log",
        "github-audit",
        "k8s-audit",
        "vault-audit"
    })
    public String format;

    private List<RawRecord> records;
    private RecordParser parser;

    /** The events a pass made, per second: JMH reports it beside the passes. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counters {
        public long events;
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        Path dir = Files.createTempDirectory("keyline-parser-benchmark-");
        try {
            EstateGenerator.generate(
                    new EstateGenerator.Options(400, 1, 1L, Estate.END, dir, true));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("The estate could not be generated", e);
        }
        FormatSpec spec = Formats.require(format);
        Path pepper = Files.writeString(dir.resolve("pepper"), "keyline-parser-benchmark-pepper-0");
        parser = spec.newParser(Fingerprinter.fromFile(pepper));
        records = new ArrayList<>();
        for (Path file : Estate.files(dir.resolve(format))) {
            try (InputStream in = Files.newInputStream(file)) {
                FileRecords.forEach(
                        in,
                        spec,
                        file.toString(),
                        0L,
                        r -> {
                            if (r.getError() == null) {
                                records.add(r);
                            }
                        });
            } catch (IOException broken) {
                // A planted broken file: the records read before the break count.
            }
        }
        if (records.isEmpty()) {
            throw new IllegalStateException("The estate has no records of " + format);
        }
    }

    @Benchmark
    public void parse(Counters counters, Blackhole sink) {
        ParseOutput out =
                new ParseOutput() {
                    @Override
                    public void emit(IdentityEvent event) {
                        counters.events++;
                        sink.consume(event);
                    }

                    @Override
                    public void reject(String reason, byte[] payload) {
                        sink.consume(reason);
                    }
                };
        for (RawRecord r : records) {
            parser.parse(r, out);
        }
    }
}
