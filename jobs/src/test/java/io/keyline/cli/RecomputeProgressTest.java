package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecomputeProgressTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aLineSaysWhatWasReadHowFastAndWhatIsLeft() {
        assertThat(RecomputeCommand.Progress.line(1_200_000, 10 * SECOND, 3_000_000))
                .isEqualTo("read 1,200,000 of 3,000,000 (40%), 120,000/s, 15 s left to read");
        assertThat(RecomputeCommand.Progress.line(600_000, 10 * SECOND, 6_000_000))
                .isEqualTo("read 600,000 of 6,000,000 (10%), 60,000/s, 1 min 30 s left to read");
        assertThat(RecomputeCommand.Progress.line(3_000_000, 20 * SECOND, 3_000_000))
                .isEqualTo("read 3,000,000 of 3,000,000 (100%), processing and writing the tables");
        assertThat(RecomputeCommand.Progress.line(5_000, 2 * SECOND, -1))
                .isEqualTo("read 5,000, 2,500/s");
    }

    @Test
    void aTerminalGetsOneLineRedrawnAndALogALineEveryTenSeconds() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        RecomputeCommand.Progress drawn =
                new RecomputeCommand.Progress(
                        new PrintStream(terminal, true, StandardCharsets.UTF_8), 100, true);
        drawn.show(10, SECOND);
        drawn.show(20, 2 * SECOND);
        drawn.show(100, 3 * SECOND);
        drawn.end();
        String first = "read 10 of 100 (10%), 10/s, 9 s left to read";
        String last = "read 100 of 100 (100%), processing and writing the tables";
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "\r"
                                + first
                                + "\rread 20 of 100 (20%), 10/s, 8 s left to read"
                                + "\r"
                                + last
                                + "\n");
        assertThat(last.length()).isGreaterThan(first.length());
        ByteArrayOutputStream shorter = new ByteArrayOutputStream();
        RecomputeCommand.Progress redrawn =
                new RecomputeCommand.Progress(
                        new PrintStream(shorter, true, StandardCharsets.UTF_8), -1, true);
        redrawn.show(123_456, SECOND);
        redrawn.show(7, SECOND * 7);
        assertThat(shorter.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rread 123,456, 123,456/s\rread 7, 1/s" + " ".repeat(12));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RecomputeCommand.Progress lines =
                new RecomputeCommand.Progress(
                        new PrintStream(log, true, StandardCharsets.UTF_8), -1, false);
        for (int s = 1; s <= 25; s++) {
            lines.show(s * 100L, s * SECOND);
        }
        lines.end();
        assertThat(log.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("read 1,000, 100/s", "read 2,000, 100/s");
    }
}
