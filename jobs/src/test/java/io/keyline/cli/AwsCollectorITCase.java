package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.aws.FakeAws;
import io.keyline.aws.FakeIam;
import io.keyline.aws.FakeSecrets;
import io.keyline.aws.FakeTrail;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import io.keyline.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with the AWS collector: two accounts and a trail's bucket on a local endpoint that
 * speaks AWS's protocols, configured in the settings file and read by a bounded run through the AWS
 * SDK, into tables that hold what a run over the same listings and log files as files holds. No
 * credential (the base secret key, the sessions' secret keys and tokens) and no secret value
 * reaches a byte the run wrote or printed.
 *
 * <p>The SDK's default credential chain finds the fake's base key in the system properties {@code
 * aws.accessKeyId} and {@code aws.secretAccessKey}, the first place it looks; the test sets them
 * for the run and restores them after.
 */
class AwsCollectorITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    private static final String A = "111122223333";
    private static final String B = FakeTrail.ACCOUNT;
    private static final List<String> PROPERTIES =
            List.of("aws.accessKeyId", "aws.secretAccessKey");

    @TempDir Path dir;
    private final String[] saved = new String[PROPERTIES.size()];

    @BeforeEach
    void baseCredentialsInTheDefaultChain() {
        for (int i = 0; i < PROPERTIES.size(); i++) {
            saved[i] = System.getProperty(PROPERTIES.get(i));
        }
        System.setProperty("aws.accessKeyId", FakeAws.BASE_KEY_ID);
        System.setProperty("aws.secretAccessKey", FakeAws.BASE_SECRET);
    }

    @AfterEach
    void restoreProperties() {
        for (int i = 0; i < PROPERTIES.size(); i++) {
            if (saved[i] == null) {
                System.clearProperty(PROPERTIES.get(i));
            } else {
                System.setProperty(PROPERTIES.get(i), saved[i]);
            }
        }
    }

    @Test
    void aBoundedRunCollectsTwoAccountsAndATrailAsTheirExportedFilesWouldBeRead() throws Exception {
        Path collected = dir.resolve("collected");
        Path exported = dir.resolve("exported");
        String printed;
        FakeIam iam;
        try (FakeAws aws = new FakeAws().account(A).account(B)) {
            aws.trail().deliverAll("");
            iam = aws.iam();
            Path settings =
                    Files.writeString(
                            dir.resolve("keyline.properties"),
                            "collect.aws.accounts="
                                    + A
                                    + ","
                                    + B
                                    + "\ncollect.aws.role-name="
                                    + FakeAws.ROLE
                                    + "\ncollect.aws.regions="
                                    + FakeSecrets.REGION
                                    + ",us-east-1\ncollect.aws.endpoint-url="
                                    + aws.url()
                                    + "\ncollect.aws.cloudtrail-bucket="
                                    + FakeTrail.BUCKET
                                    + "\ncollect.aws.since=2026-11-01\n"
                                    + "collect.aws.page-size=2\n");
            printed =
                    run(
                            "run",
                            "--config",
                            settings.toString(),
                            "--bounded",
                            "--warehouse",
                            collected.toString(),
                            "--parallelism",
                            "2");
            // Both accounts were read as the role assumed there, the trail with the base key.
            assertThat(aws.calls("sts:AssumeRole"))
                    .extracting(c -> c.params().get("RoleArn"))
                    .contains(
                            "arn:aws:iam::" + A + ":role/" + FakeAws.ROLE,
                            "arn:aws:iam::" + B + ":role/" + FakeAws.ROLE);
            assertThat(aws.calls("iam:ListUsers"))
                    .extracting(FakeAws.Call::keyId)
                    .contains(FakeAws.sessionKeyId(A), FakeAws.sessionKeyId(B));
            assertThat(aws.calls("s3:GetObject")).hasSize(4);
        }

        // The same listings and log files, exported in the input-folder layout.
        Path input = dir.resolve("input");
        for (String account : List.of(A, B)) {
            write(
                    input,
                    "aws-authorization-details/" + account + "/details.json",
                    FakeIam.details(account));
            write(input, "aws-access-keys/" + account + "/keys.json", iam.keys(account));
            String suffix = account.equals(A) ? "EXAMPLE" : "EXAMPL1";
            write(
                    input,
                    "aws-access-keys/" + account + "/AKIAIOSFODNN7" + suffix + ".json",
                    resource("/fixtures/aws/awscli-get-access-key-last-used.json"));
            write(
                    input,
                    "aws-access-keys/" + account + "/AKIAI44QH8DHB" + suffix + ".json",
                    "{\"UserName\":\"Bob\",\"AccessKeyLastUsed\":{\"Region\":\"N/A\","
                            + "\"ServiceName\":\"N/A\"}}");
            write(
                    input,
                    "aws-credential-report/" + account + "/report.csv",
                    FakeIam.report(account));
            write(
                    input,
                    "aws-secrets-manager/" + account + "/secrets.json",
                    FakeSecrets.listing(account));
        }
        for (FakeTrail.Delivery d : FakeTrail.deliveries("")) {
            if (d.key().contains("/2026/11/01/")) {
                Path file = input.resolve("cloudtrail/" + d.key());
                Files.createDirectories(file.getParent());
                Files.write(file, d.content());
            }
        }
        run(
                "run",
                "--input",
                input.toString(),
                "--bounded",
                "--warehouse",
                exported.toString(),
                "--parallelism",
                "2");

        CatalogLoader fromApi = Catalogs.embedded(collected);
        CatalogLoader fromFiles = Catalogs.embedded(exported);
        assertThat(column(fromApi, KeylineTables.DEAD_LETTERS, r -> r.getField("reason")))
                .isEmpty();
        Function<Record, Object> credential =
                r ->
                        r.getField("credential_id")
                                + " "
                                + r.getField("credential_type")
                                + " "
                                + r.getField("status")
                                + " "
                                + r.getField("identity_id")
                                + " "
                                + r.getField("created_by")
                                + " "
                                + r.getField("privilege_tier");
        assertThat(column(fromApi, KeylineTables.CREDENTIALS, credential))
                .anyMatch(c -> c.startsWith("aws:access-key:AKIAIOSFODNN7EXAMPLE "))
                .anyMatch(c -> c.startsWith("aws:secret:arn:aws:secretsmanager:"))
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIALS, credential));
        Function<Record, Object> identity =
                r ->
                        r.getField("identity_id")
                                + " "
                                + r.getField("privilege_tier")
                                + " "
                                + r.getField("owner");
        assertThat(column(fromApi, KeylineTables.IDENTITIES, identity))
                .anyMatch(i -> i.startsWith("arn:aws:iam::" + B + ":role/EC2role "))
                .isEqualTo(column(fromFiles, KeylineTables.IDENTITIES, identity));
        Function<Record, Object> location =
                r -> r.getField("credential_id") + " " + r.getField("location_id");
        assertThat(column(fromApi, KeylineTables.CREDENTIAL_LOCATIONS, location))
                .isNotEmpty()
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIAL_LOCATIONS, location));
        Function<Record, Object> trailEvent =
                r -> "cloudtrail".equals(r.getField("source")) ? r.getField("event_id") : "";
        assertThat(column(fromApi, KeylineTables.EVENTS, trailEvent))
                .hasSizeGreaterThan(5)
                .isEqualTo(column(fromFiles, KeylineTables.EVENTS, trailEvent));

        // No credential of the collector and no secret value in any file or in what it printed.
        List<String> secrets =
                List.of(
                        FakeAws.BASE_SECRET,
                        FakeAws.sessionSecret(A),
                        FakeAws.sessionSecret(B),
                        FakeAws.sessionToken(A),
                        FakeAws.sessionToken(B),
                        "sm-value-never-collected-5d1c9e",
                        // CloudTrail logs the session tokens it hands out; the parser drops them.
                        "IQoJb3JpZ2luX2VjEXAMPLEtokenValueThatMustNeverBeStoredAnywhere");
        assertThat(SecretSearch.filesContaining(collected, secrets)).isEmpty();
        assertThat(printed).contains("Inventory written to");
        for (String secret : secrets) {
            assertThat(printed).doesNotContain(secret);
        }
    }

    private static Set<String> column(
            CatalogLoader catalog, KeylineTables.Spec table, Function<Record, Object> value)
            throws Exception {
        Set<String> out = new TreeSet<>();
        for (Record r : Tables.rows(catalog, table)) {
            Object v = value.apply(r);
            if (v != null && !"".equals(v)) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    private static void write(Path input, String file, String content) throws Exception {
        Path to = input.resolve(file);
        Files.createDirectories(to.getParent());
        Files.writeString(to, content);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = FakeAws.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs a command of the command line; what it printed. */
    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Keyline.execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed;
    }
}
