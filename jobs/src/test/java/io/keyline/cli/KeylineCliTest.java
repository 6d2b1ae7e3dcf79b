package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to mistakes: one sentence on standard error, exit code 2. */
class KeylineCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir Path dir;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsHelpNamesEveryCollector() {
        assertThat(Keyline.execute("run", "--help")).isZero();
        String help = stdout().replaceAll("\\s+", " ");
        assertThat(help)
                .contains(
                        "Collectors: "
                                + String.join(", ", io.keyline.source.poll.Collectors.names())
                                + ".");
    }

    @Test
    void anUnknownFlagIsOneSentenceAndExitCodeTwo() {
        int code = Keyline.execute("run", "--input", dir.toString(), "--bogus");
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option: '--bogus'").contains("keyline run --help");
        assertThat(stderr()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingInputFolderIsNamed() {
        int code = Keyline.execute("run", "--input", dir.resolve("nope").toString(), "--bounded");
        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim())
                .isEqualTo(
                        "keyline: The input folder "
                                + dir.resolve("nope")
                                + " does not exist or is not a folder; check --input.");
    }

    @Test
    void subfoldersThatAreNotFormatsAreNamedWithTheKnownFormats() throws Exception {
        Files.createDirectories(dir.resolve("cloudtrail"));
        Files.createDirectories(dir.resolve("cloudtrial"));
        int code = Keyline.execute("run", "--input", dir.toString(), "--bounded");
        assertThat(code).isEqualTo(2);
        assertThat(stderr())
                .contains("subfolders that are not format names: cloudtrial")
                .contains("known formats: cloudtrail, aws-authorization-details");
    }

    @Test
    void asOfNeedsBoundedAndAReadableTime() throws Exception {
        Files.createDirectories(dir.resolve("cloudtrail"));
        assertThat(Keyline.execute("run", "--input", dir.toString(), "--as-of", "2026-01-01"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--as-of applies to bounded runs");
        err.reset();
        assertThat(
                        Keyline.execute(
                                "run",
                                "--input",
                                dir.toString(),
                                "--bounded",
                                "--as-of",
                                "last week"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--as-of takes an ISO-8601 time");
    }

    @Test
    void warehouseAndCatalogTogetherAreRefused() throws Exception {
        Files.createDirectories(dir.resolve("cloudtrail"));
        int code =
                Keyline.execute(
                        "run",
                        "--input",
                        dir.toString(),
                        "--bounded",
                        "--warehouse",
                        dir.resolve("w").toString(),
                        "--catalog",
                        dir.resolve("c.properties").toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--warehouse and --catalog both name a catalog");
    }

    @Test
    void queryWithoutTablesSaysHowToGetThem() {
        int code =
                Keyline.execute(
                        "query", "--warehouse", dir.resolve("empty").toString(), "SELECT 1");
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("run 'keyline demo' or 'keyline run' first");
    }

    @Test
    void graphRefusesABadHopLimitAndAFolderWithoutTables() {
        assertThat(Keyline.execute("graph", "--warehouse", dir.toString(), "--hop-limit", "17"))
                .isEqualTo(2);
        assertThat(stderr().trim())
                .isEqualTo("keyline: --hop-limit must be between 0 and 16, not 17.");
        assertThat(Keyline.execute("graph", "--warehouse", dir.resolve("empty").toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("run 'keyline demo' or 'keyline run' first");
        assertThat(stderr()).doesNotContain("Exception");
    }

    @Test
    void parseNamesAnUnknownFormat() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{}");
        int code =
                Keyline.execute(
                        "parse",
                        "--format",
                        "nope",
                        file.toString(),
                        "--warehouse",
                        dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("No format is named 'nope'; known formats: cloudtrail");
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsePrintsEventsAsJsonLinesAndRejectionsWithTheirReasons() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("trail.jsonl"),
                        "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"GetCallerIdentity\","
                                + "\"eventSource\":\"sts.amazonaws.com\",\"eventID\":\"e-1\","
                                + "\"userIdentity\":{\"type\":\"IAMUser\","
                                + "\"arn\":\"arn:aws:iam::111122223333:user/ci\","
                                + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAQX7EXAMPLEKEY009\"}}\n"
                                + "{\"eventTime\": 12}\n");
        int code =
                Keyline.execute(
                        "parse",
                        "--format",
                        "cloudtrail",
                        file.toString(),
                        "--warehouse",
                        dir.resolve("w").toString());
        assertThat(code).isZero();
        assertThat(stdout().trim())
                .isEqualTo(
                        "{\"eventId\":\"cloudtrail:e-1\",\"eventTime\":\"2025-01-01T00:00:00Z\","
                                + "\"source\":\"cloudtrail\",\"kind\":\"USED\","
                                + "\"credentialId\":\"aws:access-key:AKIAQX7EXAMPLEKEY009\","
                                + "\"credentialType\":\"AWS_ACCESS_KEY\","
                                + "\"identityId\":\"arn:aws:iam::111122223333:user/ci\","
                                + "\"action\":\"sts:GetCallerIdentity\","
                                + "\"attributes\":{\"account\":\"111122223333\"}}");
        assertThat(stderr())
                .contains("record 1: the eventTime of a CloudTrail event is not a string")
                .contains("1 events, 1 rejected.");
    }

    @Test
    void theDemoRefusesAFolderItDidNotMake() throws Exception {
        Path foreign = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(foreign.resolve("catalog.db"), "not the demo's");
        int code = Keyline.execute("demo", "--warehouse", foreign.toString(), "--identities", "10");
        assertThat(code).isEqualTo(2);
        assertThat(stderr().trim())
                .isEqualTo(
                        "keyline: The folder "
                                + foreign
                                + " holds data that no demo made; give the demo another folder with --warehouse.");
        assertThat(Files.readString(foreign.resolve("catalog.db"))).isEqualTo("not the demo's");
    }

    @Test
    void generateRefusesOutOfRangeSizesAndANonEmptyOutput() throws Exception {
        assertThat(Keyline.execute("generate", "--out", dir.resolve("g").toString(), "--days", "0"))
                .isEqualTo(2);
        assertThat(stderr()).contains("--days must be between 1 and 400, not 0.");
        err.reset();
        Files.writeString(dir.resolve("full.txt"), "x");
        assertThat(Keyline.execute("generate", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("is not empty; give --out a new or empty folder.");
    }

    @Test
    void generateAddsTheOtherSystemsUnlessToldNotTo() throws Exception {
        Path with = dir.resolve("with");
        Path without = dir.resolve("without");
        assertThat(
                        Keyline.execute(
                                "generate",
                                "--out",
                                with.toString(),
                                "--identities",
                                "20",
                                "--days",
                                "2"))
                .isZero();
        assertThat(stdout())
                .contains("other systems: 3 teams")
                .contains("okta-users ")
                .contains("gcp-audit ");
        assertThat(
                        Keyline.execute(
                                "generate",
                                "--out",
                                without.toString(),
                                "--identities",
                                "20",
                                "--days",
                                "2",
                                "--no-systems"))
                .isZero();
        assertThat(with.resolve("_systems-truth.json")).exists();
        assertThat(with.resolve("hr-people")).isDirectory();
        assertThat(without.resolve("_systems-truth.json")).doesNotExist();
        assertThat(without.resolve("hr-people")).doesNotExist();
        assertThat(Files.readString(with.resolve("_ground-truth.json")))
                .isEqualTo(Files.readString(without.resolve("_ground-truth.json")));
    }

    @Test
    void aFolderAnEarlierDemoMadeIsReplaced() throws Exception {
        Path earlier = dir.resolve("demo");
        DemoCommand.prepare(earlier);
        Files.writeString(earlier.resolve("catalog.db"), "old tables");
        Files.createDirectories(earlier.resolve("warehouse").resolve("keyline"));
        DemoCommand.prepare(earlier);
        try (var left = Files.list(earlier)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactly(DemoCommand.MARKER);
        }
    }

    @Test
    void wrongStreamingSettingsAreEachOneSentence() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("in").resolve("cloudtrail"));
        String in = dir.resolve("in").toString();
        String[][] cases = {
            {"run"},
            {"run", "--kafka-topic", "raw.ct=cloudtrail"},
            {"run", "--kafka-bootstrap", "localhost:1", "--kafka-topic", "raw.ct=cloudtrial"},
            {
                "run",
                "--kafka-bootstrap",
                "localhost:1",
                "--kafka-topic",
                "raw.ct=cloudtrail",
                "--kafka-start",
                "yesterday"
            },
            {"run", "--input", in, "--alerts-topic", "alerts"},
            {"run", "--input", in, "--state-backend", "memory"},
            {"run", "--input", in, "--idleness", "0"},
            {"run", "--input", in, "--max-consumers-per-credential", "0"},
            {"run", "--input", in, "--dedup-retention", "0"},
            {"run", "--collect", "okta.url=acme.okta.com"},
            {"run", "--collect", "okta.url=https://acme.okta.com", "--collect", "okta.since=May"},
            {"run", "--collect", "okat.url=https://acme.okta.com"},
            {"run", "--collect", "okta=https://acme.okta.com"},
        };
        String[] expected = {
            "keyline: There is no input: give --input DIR, or --kafka-bootstrap with --kafka-topic"
                    + " TOPIC=FORMAT, or collectors (collect.<collector>.<setting> in the --config"
                    + " file), or several of them.",
            "keyline: --kafka-topic needs --kafka-bootstrap to know where Kafka is.",
            "keyline: The topic raw.ct is given the format 'cloudtrial', which Keyline does not"
                    + " know; known formats: ",
            "keyline: --kafka-start is committed, earliest or latest, not 'yesterday'.",
            "keyline: --alerts-topic needs --kafka-bootstrap to know where Kafka is.",
            "keyline: --state-backend is hashmap or rocksdb, not 'memory'.",
            "keyline: --out-of-orderness must be 0 minutes or more and --idleness at least 1"
                    + " second.",
            "keyline: --max-resources-per-credential and --max-consumers-per-credential must be"
                    + " at least 1.",
            "keyline: --dedup-retention must be at least 1 minute, not 0.",
            "keyline: collect.okta.url is a URL such as https://acme.okta.com, not"
                    + " 'acme.okta.com'.",
            "keyline: collect.okta.since is a time such as 2026-11-01T00:00:00Z or a date, not"
                    + " 'May'.",
            // A prefix: the list goes on with every collector added after Okta.
            "keyline: There is no collector 'okat' (collect.okat.*); the collectors are okta, ",
            "keyline: The collector setting 'collect.okta' names no setting; write"
                    + " collect.<collector>.<setting>, such as collect.okta.url.",
        };
        for (int k = 0; k < cases.length; k++) {
            err.reset();
            assertThat(Keyline.execute(cases[k])).as(String.join(" ", cases[k])).isEqualTo(2);
            assertThat(stderr()).startsWith(expected[k]).doesNotContain("\tat ");
        }
    }
}
