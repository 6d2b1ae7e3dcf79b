package io.keyline.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import com.code_intelligence.jazzer.mutation.annotation.WithUtf8Length;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RecordParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of every parser, through the framing a file of its format goes through:
 * whatever the bytes, a parser emits events or rejects records with a reason, and nothing else
 * escapes it. The build fuzzes for 20 seconds ({@code JAZZER_FUZZ=1} in its own Surefire run);
 * {@link ParsersLongFuzzTest} is the long run (see the README).
 *
 * <p>The fuzzer starts from the real records of the fixtures, each under its format ({@link
 * #seeds}), so that it mutates well-formed exports instead of finding their shapes byte by byte.
 * Each seed also runs once as a test of its own, with or without {@code JAZZER_FUZZ}.
 */
class ParsersFuzzTest {

    private static final List<FormatSpec> FORMATS = new ArrayList<>(Formats.all().values());
    private static final Fingerprinter FINGERPRINTER = Fingerprinter.fromEnvironment();

    /** The largest file the fuzzer makes, and so the largest seed it takes. */
    static final int MAX_BYTES = 64 * 1024;

    /** The fixtures of each format, as globs under the test resources' {@code fixtures/}. */
    private static final Map<String, List<String>> FIXTURES =
            Map.ofEntries(
                    Map.entry("cloudtrail", List.of("aws/cloudtrail/*")),
                    Map.entry(
                            "aws-authorization-details",
                            List.of("aws/awscli-get-account-authorization-details.json")),
                    Map.entry("aws-access-keys", List.of("aws/awscli-list-access-keys.json")),
                    Map.entry("aws-credential-report", List.of("aws/credential-report.csv")),
                    Map.entry(
                            "aws-secrets-manager",
                            List.of(
                                    "aws/secretsmanager/*list-secrets*",
                                    "aws/secretsmanager/*.jsonl")),
                    Map.entry("gitleaks", List.of("scanner/gitleaks-*")),
                    Map.entry("trufflehog", List.of("scanner/trufflehog-*")),
                    Map.entry(
                            "github-audit",
                            List.of("github/audit-*", "github/panther-github-audit-*")),
                    Map.entry("github-pats", List.of("github/*fine-grained-pats*")),
                    Map.entry("github-pat-requests", List.of("github/list-pat-requests.json")),
                    Map.entry("github-deploy-keys", List.of("github/list-deploy-keys.json")),
                    Map.entry(
                            "github-app-installations",
                            List.of("github/list-app-installations.json")),
                    Map.entry(
                            "okta-system-log",
                            List.of("okta/system-log-*", "okta/panther-okta-systemlog-*")),
                    Map.entry("okta-api-tokens", List.of("okta/api-tokens.json")),
                    Map.entry("okta-users", List.of("okta/users.json")),
                    Map.entry("hr-people", List.of("hr/hr-people.*")),
                    Map.entry("azure-signin", List.of("azure/signin-*")),
                    Map.entry(
                            "azure-audit",
                            List.of(
                                    "azure/auditlogs-*",
                                    "azure/graph-directoryAudits-*",
                                    "azure/panther-azure-audit-*")),
                    Map.entry("azure-activity", List.of("azure/activity*")),
                    Map.entry("azure-monitor", List.of("azure/eventhub-*")),
                    Map.entry("azure-graph", List.of("azure/graph-*-list.json")),
                    Map.entry("azure-key-vault", List.of("azure/keyvault-*")),
                    Map.entry("k8s-audit", List.of("k8s/audit-*")),
                    Map.entry(
                            "k8s-serviceaccounts",
                            List.of(
                                    "k8s/serviceaccountlist.json",
                                    "k8s/kubectl-get-all.json",
                                    "k8s/objects.jsonl")),
                    Map.entry("gcp-audit", List.of("gcp/audit/*")),
                    Map.entry(
                            "gcp-service-accounts",
                            List.of(
                                    "gcp/listings/gcloud-service-accounts-list.json",
                                    "gcp/listings/cartography-serviceAccounts.list.json")),
                    Map.entry(
                            "gcp-sa-keys",
                            List.of(
                                    "gcp/listings/gcloud-sa-keys-list.json",
                                    "gcp/listings/cartography-serviceAccounts.keys.list.json")),
                    Map.entry("gcp-iam-policy", List.of("gcp/listings/*get-iam-policy.json")),
                    Map.entry(
                            "gcp-secret-manager", List.of("gcp/listings/gcloud-secrets-list.json")),
                    Map.entry("vault-audit", List.of("vault/audit-*")),
                    Map.entry("vault-kv-metadata", List.of("vault/kv-inventory.jsonl")));

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "20s")
    void noInputMakesAParserThrow(
            int format,
            @NotNull @WithUtf8Length(max = 40) String folder,
            byte @NotNull @WithLength(max = MAX_BYTES) [] content) {
        parse(format, folder, content);
    }

    /** Every fixture of every format, as (format, folder, content). */
    static Stream<Arguments> seeds() {
        Path root;
        try {
            root = Path.of(ParsersFuzzTest.class.getResource("/fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Arguments> seeds = new ArrayList<>();
        for (int i = 0; i < FORMATS.size(); i++) {
            String name = FORMATS.get(i).name();
            List<String> globs = FIXTURES.get(name);
            if (globs == null) {
                throw new AssertionError("No fixture seeds the fuzzing of format " + name);
            }
            for (Path file : matching(root, globs)) {
                seeds.add(Arguments.of(i, "seed", read(file)));
            }
        }
        return seeds.stream();
    }

    /**
     * One fuzzed file: a format (any int, taken modulo the number of formats), a folder below the
     * format's (some formats read it), and the content.
     */
    static void parse(int format, String folder, byte[] content) {
        FormatSpec spec = FORMATS.get(Math.floorMod(format, FORMATS.size()));
        RecordParser parser = spec.newParser(FINGERPRINTER);
        ListParseOutput out = new ListParseOutput();
        try {
            FileRecords.parse(
                    new ByteArrayInputStream(content),
                    spec,
                    parser,
                    "input/" + spec.name() + "/" + folder + "/fuzzed.json",
                    1_790_000_000_000L,
                    out);
        } catch (IOException unreadable) {
            // A file that is not readable to its end (broken gzip) is the framing's to report.
        }
        for (var rejection : out.rejections()) {
            if (rejection.reason() == null || rejection.reason().isBlank()) {
                throw new AssertionError("a rejection without a reason by " + spec.name());
            }
        }
    }

    private static List<Path> matching(Path root, List<String> globs) {
        List<PathMatcher> matchers =
                globs.stream()
                        .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                        .collect(Collectors.toList());
        try (Stream<Path> all = Files.walk(root)) {
            List<Path> files =
                    all.filter(Files::isRegularFile)
                            .filter(
                                    f ->
                                            matchers.stream()
                                                    .anyMatch(m -> m.matches(root.relativize(f))))
                            .sorted()
                            .collect(Collectors.toList());
            if (files.isEmpty()) {
                throw new AssertionError("No fixture matches " + globs);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_BYTES) {
                throw new AssertionError(file + " is larger than a fuzzed file may be");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
