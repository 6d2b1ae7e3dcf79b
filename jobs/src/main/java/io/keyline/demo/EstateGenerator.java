package io.keyline.demo;

import io.keyline.demo.systems.SystemsGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Generates a synthetic AWS estate in the vendors' own formats (CloudTrail, IAM listings, the
 * credential report) together with the ground truth of what Keyline should conclude from it. The
 * output is a function of the options alone: the same options give a byte-identical tree.
 *
 * <pre>
 * each day:    plan every identity's events  -> per-account buffers of primitive columns
 *              render each account's buffer  -> CloudTrail files (accounts in parallel)
 * at the end:  listings and credential reports, then _ground-truth.json
 * </pre>
 */
@PublicEvolving
public final class EstateGenerator {

    /**
     * The identity whose key's {@code create-access-key} output is written: a user of account 0.
     */
    static final int CREATE_ACCESS_KEY_USER = 1;

    /** How many session tokens the ground truth lists as planted secrets. */
    static final int MAX_LISTED_TOKENS = 200;

    /**
     * What to generate.
     *
     * @param identities users and roles, 10 to 2,000,000
     * @param days the length of the window, 1 to 400
     * @param end the UTC date the window ends on (exclusive)
     * @param out the output folder, which must not exist or must be empty
     * @param systems whether to add the other systems (HR, Okta, GCP, Azure, GitHub, Kubernetes,
     *     Vault, secret stores, scanners and a platform AWS account) and {@code
     *     _systems-truth.json}; the AWS part is the same either way
     */
    public record Options(
            int identities, int days, long seed, LocalDate end, Path out, boolean systems) {

        /** The AWS estate alone. */
        public Options(int identities, int days, long seed, LocalDate end, Path out) {
            this(identities, days, seed, end, out, false);
        }

        public Options {
            if (identities < 10 || identities > 2_000_000) {
                throw new IllegalArgumentException(
                        "--identities must be between 10 and 2000000, not " + identities + ".");
            }
            if (days < 1 || days > 400) {
                throw new IllegalArgumentException(
                        "--days must be between 1 and 400, not " + days + ".");
            }
            if (end == null || out == null) {
                throw new IllegalArgumentException(
                        "The end date and the output folder are both required.");
            }
        }
    }

    /**
     * What was generated.
     *
     * @param files the input files written (everything but the ground truth files)
     * @param bytes the bytes of all files written, the ground truth included
     * @param systems what the systems part wrote, or null when it was not asked for
     */
    public record Summary(
            int accounts,
            int users,
            int roles,
            int groups,
            int keys,
            long cloudTrailRecords,
            int files,
            long bytes,
            Map<String, Integer> alertsByRuleAndSeverity,
            int deadLetters,
            SystemsGenerator.Result systems) {}

    /**
     * The summary and the number of keys of each final status ({@code Active}, {@code Inactive},
     * {@code Deleted}).
     */
    public record Result(Summary summary, Map<String, Integer> keysByStatus) {}

    private EstateGenerator() {}

    public static Summary generate(Options options) throws IOException {
        return run(options).summary();
    }

    /** Refuses, in one sentence, an output that exists and is not an empty folder. */
    public static void checkOutput(Path out) {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException(
                    "The output " + out + " is a file; give --out a new or empty folder.");
        }
        try (Stream<Path> children = Files.list(out)) {
            if (children.findAny().isPresent()) {
                throw new IllegalArgumentException(
                        "The output folder "
                                + out
                                + " is not empty; give --out a new or empty folder.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the output folder " + out + ".", e);
        }
    }

    /** Like {@link #generate}, with the keys counted by final status. */
    public static Result run(Options options) throws IOException {
        checkOutput(options.out());
        Estate estate = new Estate(options);
        Usage usage = new Usage(estate);
        OutputTree tree = new OutputTree(options.out(), estate.end);
        PlantedInput planted = new PlantedInput(estate, tree);
        Files.createDirectories(options.out());

        // The window, day by day; the first session tokens written are planted secrets.
        List<String> secrets = new ArrayList<>();
        long records = new WindowWriter(estate, usage, tree, planted).write(secrets);
        planted.linesWritten();

        // The listings as of the end of the window; the created key's secret is planted too.
        secrets.add(writeListings(estate, usage, tree));

        // The ground truth, from the plans and the usage the window recorded.
        GroundTruthWriter truth = new GroundTruthWriter(estate, usage);
        GroundTruthWriter.Tally tally = truth.tally();
        int inputFiles = tree.files();
        List<PlantedInput.DeadLetter> deadLetters = planted.deadLetters();
        truth.write(
                tree.groundTruth(),
                tally,
                new GroundTruthWriter.Written(records, inputFiles, deadLetters, secrets));
        tree.written(tree.groundTruth());

        // The other systems, with their own ground truth.
        SystemsGenerator.Result systems = null;
        if (options.systems()) {
            systems =
                    SystemsGenerator.write(
                            new SystemsGenerator.Input(
                                    estate.seed,
                                    estate.identities,
                                    estate.days,
                                    estate.start,
                                    estate.end,
                                    estate.people,
                                    estate.platformAccount(),
                                    tree));
        }

        Summary summary =
                new Summary(
                        estate.accounts,
                        estate.users(),
                        estate.roles(),
                        estate.groups(),
                        tally.keys(),
                        records,
                        // Every file but the ground truth files.
                        tree.files() - (systems == null ? 1 : 2),
                        tree.bytes(),
                        tally.alerts(),
                        deadLetters.size(),
                        systems);
        return new Result(summary, tally.keysByStatus());
    }

    /** Writes every account's listings and returns the planted secret access key. */
    private static String writeListings(Estate e, Usage usage, OutputTree tree) throws IOException {
        for (int k = 0; k < e.accounts; k++) {
            int account = k;
            String accountId = e.accountId(k);
            Path details = tree.authorizationDetails(accountId);
            AuthorizationDetailsWriter.write(e, usage, account, details);
            tree.written(details);
            Path keys = tree.listAccessKeys(accountId);
            AccessKeysWriter.listAccessKeys(e, account, keys);
            tree.written(keys);
            Path report = tree.credentialReport(accountId);
            CredentialReportWriter.write(e, usage, account, report);
            tree.written(report);
        }
        UserPlan user = UserPlanner.plan(e, CREATE_ACCESS_KEY_USER);
        Path created = tree.createAccessKey(e.accountId(0), user.keys()[0].created());
        String secret = AccessKeysWriter.createAccessKey(e, user, created);
        tree.written(created);
        return secret;
    }
}
