package io.keyline.cli;

import io.keyline.demo.EstateGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code keyline generate}: a synthetic AWS estate in the vendors' formats, with its truth. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic AWS estate into a new folder, laid out as the input folder of"
                    + " 'keyline run': CloudTrail files (S3 delivery and EventBridge forms), IAM"
                    + " authorization details, access key listings and credential reports, with"
                    + " _ground-truth.json saying what Keyline should conclude. Three bad inputs are"
                    + " planted on purpose.",
            "With --systems (the default) it adds the other systems in their vendors' formats:"
                    + " the HR directory, Okta, GCP, Azure, GitHub, Kubernetes, Vault, AWS Secrets"
                    + " Manager, gitleaks and TruffleHog reports and a platform AWS account, with"
                    + " _systems-truth.json.",
            "The same options always give the same bytes."
        })
public class GenerateCommand implements Callable<Integer> {

    @Mixin EstateOptions estate;

    @Option(
            names = "--end",
            paramLabel = "DATE",
            description =
                    "The UTC date the window ends on; events fall in the D days before it. Default: ${DEFAULT-VALUE}")
    String end = EstateOptions.DEFAULT_END.toString();

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "The output folder: new, or empty.")
    Path out;

    @Override
    public Integer call() throws Exception {
        EstateGenerator.Options options = estate.toOptions(endDate(), out);
        try {
            EstateGenerator.checkOutput(out);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long started = System.nanoTime();
        EstateGenerator.Result result = EstateGenerator.run(options);
        EstateGenerator.Summary s = result.summary();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Generated a synthetic AWS estate in %s (seed %d, %d days to %s).%n",
                out, estate.seed, estate.days, end);
        System.out.printf(
                "  accounts %d, users %d, roles %d, groups %d%n",
                s.accounts(), s.users(), s.roles(), s.groups());
        System.out.printf("  access keys %d: %s%n", s.keys(), joined(result.keysByStatus()));
        System.out.printf("  CloudTrail records %d; files %d%n", s.cloudTrailRecords(), s.files());
        System.out.printf("  planted alerts: %s%n", joined(s.alertsByRuleAndSeverity()));
        System.out.printf("  planted dead letters %d%n", s.deadLetters());
        if (s.systems() != null) {
            StringJoiner formats = new StringJoiner(", ");
            s.systems().formats().forEach((format, n) -> formats.add(format + " " + n.records()));
            System.out.printf(
                    "  other systems: %d teams, %d credentials; records: %s%n",
                    s.systems().teams(), s.systems().credentials(), formats);
            System.out.printf(
                    "  their planted alerts: %s (see _systems-truth.json)%n",
                    joined(s.systems().alertsByRuleAndSeverity()));
        }
        System.out.printf("  %.1f MB written in %.1f s%n", s.bytes() / 1e6, seconds);
        return 0;
    }

    private LocalDate endDate() {
        try {
            return LocalDate.parse(end);
        } catch (DateTimeParseException e) {
            throw new UsageException("--end takes a date such as 2026-11-01, not '" + end + "'.");
        }
    }

    private static String joined(Map<String, Integer> counts) {
        StringJoiner line = new StringJoiner(", ");
        counts.forEach((kind, count) -> line.add(kind + " " + count));
        return line.toString();
    }
}
