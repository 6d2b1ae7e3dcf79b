package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command lines the end-to-end tests run: a generated estate, and a bounded run over it. */
final class CliRuns {

    private CliRuns() {}

    /** Generates an estate of every system into {@code out}. */
    static Path generate(Path out, int identities, int days) {
        assertThat(
                        Keyline.execute(
                                "generate",
                                "--out",
                                out.toString(),
                                "--identities",
                                String.valueOf(identities),
                                "--days",
                                String.valueOf(days)))
                .isZero();
        return out;
    }

    /**
     * {@code run --bounded} over {@code input} on two subtasks, with more options (the catalog).
     */
    static void runBounded(Path input, String... options) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--bounded",
                                "--input",
                                input.toString(),
                                "--parallelism",
                                "2"));
        args.addAll(List.of(options));
        assertThat(Keyline.execute(args.toArray(String[]::new))).isZero();
    }
}
