package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.MiniClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Types;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code query} against a catalog described by a properties file, with a local
 * warehouse and with one on S3 (S3Proxy, a local server of the S3 protocol, in the test's JVM).
 */
class CatalogFileITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    /** The S3 endpoint's secret key: it must reach no object and no file of the test's. */
    private static final String SECRET = "s3-secret-key-0f9c2e";

    @TempDir Path dir;

    @Test
    void aJdbcCatalogFromAPropertiesFileIsWrittenAndQueried() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input").resolve("cloudtrail"));
        Files.writeString(
                input.resolve("trail.jsonl"),
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"ListBuckets\","
                        + "\"eventSource\":\"s3.amazonaws.com\",\"eventID\":\"c-1\","
                        + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/ci\","
                        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAQX7EXAMPLEKEY010\"}}\n");
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path catalog =
                Files.writeString(
                        dir.resolve("catalog.properties"),
                        "type=jdbc\n"
                                + "name=lake\n"
                                + "uri=jdbc:sqlite:"
                                + lake.resolve("lake.db")
                                + "\n"
                                + "jdbc.schema-version=V1\n"
                                + "warehouse="
                                + lake.resolve("tables").toUri()
                                + "\n");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int run;
        int query;
        try {
            run =
                    Keyline.execute(
                            "run",
                            "--input",
                            input.getParent().toString(),
                            "--bounded",
                            "--parallelism",
                            "2",
                            "--catalog",
                            catalog.toString());
            out.reset();
            query =
                    Keyline.execute(
                            "query",
                            "--catalog",
                            catalog.toString(),
                            "SELECT credential_id, status FROM credentials");
        } finally {
            System.setOut(original);
        }
        assertThat(run).isZero();
        assertThat(query).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("credential_id,status\naws:access-key:AKIAQX7EXAMPLEKEY010,Active");
        assertThat(lake.resolve("tables").resolve("keyline").resolve("credentials")).isDirectory();
    }

    /**
     * A warehouse in an S3 bucket, written through Iceberg's S3FileIO with the SDK's default
     * credential chain, holds the same rows as a local one written from the same input, and its
     * objects are where Iceberg puts them.
     */
    @Test
    void aWarehouseOnS3HoldsTheSameTablesAsALocalOne() throws Exception {
        Path input = CliRuns.generate(dir.resolve("estate"), 60, 5);
        BlobStoreContext store =
                ContextBuilder.newBuilder("transient")
                        .credentials("unused", "unused")
                        .build(BlobStoreContext.class);
        S3Proxy s3 =
                S3Proxy.builder()
                        .blobStore(store.getBlobStore())
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "keyline", SECRET)
                        .build();
        s3.start();
        try {
            while (!s3.getState().equals(AbstractLifeCycle.STARTED)) {
                Thread.sleep(10);
            }
            store.getBlobStore().createContainerInLocation(null, "lake");
            Path s3Catalog =
                    Files.writeString(
                            dir.resolve("s3.properties"),
                            String.join(
                                    "\n",
                                    "type=jdbc",
                                    "uri=jdbc:sqlite:" + dir.resolve("s3-catalog.db"),
                                    "jdbc.schema-version=V1",
                                    "warehouse=s3://lake/keyline",
                                    "io-impl=org.apache.iceberg.aws.s3.S3FileIO",
                                    "s3.endpoint=http://127.0.0.1:" + s3.getPort(),
                                    "s3.path-style-access=true",
                                    "client.region=us-east-1",
                                    ""));
            awsCredentials(true);
            try {
                CliRuns.runBounded(input, "--catalog", s3Catalog.toString());
            } finally {
                awsCredentials(false);
            }
            // The same pepper, so that both runs fingerprint alike.
            Path local = Files.createDirectories(dir.resolve("local"));
            Files.copy(dir.resolve("pepper"), local.resolve("pepper"));
            CliRuns.runBounded(input, "--warehouse", local.toString());

            for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
                assertThat(rows(Catalogs.fromProperties(s3Catalog), spec, true))
                        .as(spec.name())
                        .isEqualTo(rows(Catalogs.embedded(local), spec, false));
            }
            List<String> objects = new ArrayList<>();
            store.getBlobStore()
                    .list("lake", ListContainerOptions.Builder.recursive())
                    .forEach(o -> objects.add(o.getName()));
            assertThat(objects)
                    .anyMatch(
                            o ->
                                    o.matches(
                                            "keyline/keyline/credentials/metadata/.*\\.metadata\\.json"))
                    .anyMatch(o -> o.matches("keyline/keyline/credentials/data/.*\\.parquet"));
            assertThat(String.join("\n", objects)).doesNotContain(SECRET);
            assertThat(Files.readString(s3Catalog)).doesNotContain(SECRET);
        } finally {
            s3.stop();
            store.close();
        }
    }

    /**
     * A table's rows as sorted texts, without their time stamps: two runs over the same files read
     * them in different orders, and some first sightings depend on it (see the README's "What is
     * not done yet"). Every other column must be equal.
     */
    private static List<String> rows(CatalogLoader catalog, KeylineTables.Spec spec, boolean s3)
            throws Exception {
        if (s3) {
            awsCredentials(true);
        }
        try (TableReader reader = new TableReader(catalog)) {
            List<String> rows = new ArrayList<>();
            for (Record r : reader.rows(spec)) {
                StringBuilder row = new StringBuilder();
                for (Types.NestedField c : spec.schema().columns()) {
                    if (c.type().typeId() != org.apache.iceberg.types.Type.TypeID.TIMESTAMP) {
                        row.append(c.name()).append('=').append(r.getField(c.name())).append('|');
                    }
                }
                rows.add(row.toString());
            }
            rows.sort(null);
            return rows;
        } finally {
            awsCredentials(false);
        }
    }

    /**
     * Sets or clears the SDK's system properties: the credentials its default chain finds (the
     * catalog file holds none), and checksums only where S3 requires them, since S3Proxy does not
     * read the SDK's default checksum trailers (as some S3-compatible stores do not).
     */
    private static void awsCredentials(boolean set) {
        Map<String, String> properties =
                Map.of(
                        "aws.accessKeyId", "keyline",
                        "aws.secretAccessKey", SECRET,
                        "aws.requestChecksumCalculation", "when_required",
                        "aws.responseChecksumValidation", "when_required");
        properties.forEach(
                (name, value) -> {
                    if (set) {
                        System.setProperty(name, value);
                    } else {
                        System.clearProperty(name);
                    }
                });
    }
}
