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
}
