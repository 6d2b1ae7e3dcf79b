package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.cli.Keyline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator writes only into a new or empty folder, and says so in one sentence. */
class OutputFolderTest {

    @TempDir Path dir;

    @Test
    void aFolderThatIsNotEmptyIsRefused() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep me");

        assertThatThrownBy(
                        () ->
                                EstateGenerator.generate(
                                        new EstateGenerator.Options(
                                                10, 1, 1, GeneratedTree.END, dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The output folder "
                                + dir
                                + " is not empty; give --out a new or empty folder.");
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void theCommandAnswersWithOneSentenceAndExitCodeTwo() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "keep me");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Keyline.execute("generate", "--out", dir.toString(), "--identities", "10");
        } finally {
            System.setErr(original);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo(
                        "keyline: The output folder "
                                + dir
                                + " is not empty; give --out a new or empty folder.");
    }

    @Test
    void flagsOutOfRangeAreNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(
                            Keyline.execute(
                                    "generate",
                                    "--out",
                                    dir.resolve("x").toString(),
                                    "--identities",
                                    "5"))
                    .isEqualTo(2);
            assertThat(
                            Keyline.execute(
                                    "generate",
                                    "--out",
                                    dir.resolve("x").toString(),
                                    "--days",
                                    "401"))
                    .isEqualTo(2);
            assertThat(
                            Keyline.execute(
                                    "generate",
                                    "--out",
                                    dir.resolve("x").toString(),
                                    "--end",
                                    "soon"))
                    .isEqualTo(2);
        } finally {
            System.setErr(original);
        }

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("keyline: --identities must be between 10 and 2000000, not 5.")
                .contains("keyline: --days must be between 1 and 400, not 401.")
                .contains("keyline: --end takes a date such as 2026-11-01, not 'soon'.");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
