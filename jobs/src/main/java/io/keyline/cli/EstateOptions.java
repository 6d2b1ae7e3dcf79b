package io.keyline.cli;

import io.keyline.demo.EstateGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** The size and seed of a synthetic estate, shared by {@code generate} and {@code demo}. */
public class EstateOptions {

    /** The end of the window unless {@code --end} says otherwise: fixed, so a seed is a tree. */
    static final LocalDate DEFAULT_END = LocalDate.of(2026, 11, 1);

    @Option(
            names = "--identities",
            paramLabel = "N",
            description = "IAM users and roles (10-2000000). Default: ${DEFAULT-VALUE}")
    int identities = 20_000;

    @Option(
            names = "--days",
            paramLabel = "D",
            description = "Days of CloudTrail before the end (1-400). Default: ${DEFAULT-VALUE}")
    int days = 30;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of every random choice. Default: ${DEFAULT-VALUE}")
    long seed = 1;

    @Option(
            names = "--systems",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Add the other systems (HR directory, Okta, GCP, Azure, GitHub, Kubernetes,"
                            + " Vault, AWS Secrets Manager, gitleaks, TruffleHog and a platform AWS"
                            + " account) with their own ground truth; --no-systems writes the AWS"
                            + " estate alone. Default: on")
    boolean systems = true;

    /** The generator's options for an estate ending on {@code end}, written to {@code out}. */
    EstateGenerator.Options toOptions(LocalDate end, Path out) {
        try {
            return new EstateGenerator.Options(identities, days, seed, end, out, systems);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
