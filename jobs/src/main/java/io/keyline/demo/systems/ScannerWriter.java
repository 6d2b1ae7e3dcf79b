package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Names;
import io.keyline.demo.TimeFormats;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes what the secret scanners found, as of the end: a gitleaks report per repository ({@code
 * gitleaks/<repository>/}) and TruffleHog's JSON lines for a git scan and for two laptops ({@code
 * trufflehog/<host>/}). The findings are the Terraform key in the deploy configuration's {@code
 * .env}, the data-sync key in a pipeline's {@code .env}, database passwords and classic tokens
 * committed by teams, and the AI agents' OpenAI and Anthropic keys in a repository and in MCP
 * server configurations.
 */
final class ScannerWriter {

    static final String GITLEAKS = "gitleaks";
    static final String TRUFFLEHOG = "trufflehog";

    /** One finding of gitleaks: where, what rule, which commit and who wrote it. */
    record Finding(
            String repo,
            String file,
            int line,
            String secret,
            String rule,
            String lineText,
            String commit,
            long date,
            int author) {}

    private final Context c;
    private final List<GitHubPlan> github;

    ScannerWriter(Context c, List<GitHubPlan> github) {
        this.c = c;
        this.github = github;
    }

    void write() throws IOException {
        Map<String, List<Finding>> byRepo = new TreeMap<>();
        for (Finding f : findings()) {
            byRepo.computeIfAbsent(f.repo(), r -> new ArrayList<>()).add(f);
        }
        for (Map.Entry<String, List<Finding>> e : byRepo.entrySet()) {
            String folder = e.getKey().substring(e.getKey().indexOf('/') + 1);
            c.out.pretty(
                    GITLEAKS,
                    c.out.file(GITLEAKS, folder, c.w.stamp + "-report.json"),
                    e.getValue().size(),
                    g -> {
                        g.writeStartArray();
                        for (Finding f : e.getValue()) {
                            gitleaks(g, f);
                        }
                        g.writeEndArray();
                    });
            for (Finding f : e.getValue()) {
                note(
                        f.secret(),
                        f.rule(),
                        f.file(),
                        "https://github.com/" + f.repo() + ":" + f.file(),
                        Window.ms(f.date()),
                        c.people.email(f.author()));
            }
        }
        trufflehog();
    }

    private List<Finding> findings() {
        Scenarios s = c.scenarios;
        List<Finding> all = new ArrayList<>();
        all.add(
                new Finding(
                        Scenarios.CONFIG_REPO,
                        "jenkins/.env",
                        3,
                        s.jenkinsKeyId,
                        "aws-access-token",
                        "AWS_ACCESS_KEY_ID=" + s.jenkinsKeyId,
                        s.jenkinsCommit,
                        s.jenkinsCommitted,
                        s.jenkinsCommitter));
        all.add(
                new Finding(
                        Names.GITHUB_ORG + "/data-pipelines",
                        ".env",
                        1,
                        s.dataSyncKeyId,
                        "aws-access-token",
                        "AWS_ACCESS_KEY_ID=" + s.dataSyncKeyId,
                        s.dataSyncCommit,
                        s.dataSyncCommitted,
                        People.member(0, 2)));
        SplittableRandom r = c.w.rng(SystemsSeeds.SCANNER, 0);
        int agent = People.member(1, 1);
        long agentCommit = c.w.before(r, 10, 60);
        String agentSha = SystemsIds.hex(r, 40);
        all.add(
                new Finding(
                        Names.GITHUB_ORG + "/support-agent",
                        ".env",
                        2,
                        c.secrets.plant(s.openAiKey),
                        "openai-api-key",
                        "OPENAI_API_KEY=" + s.openAiKey,
                        agentSha,
                        agentCommit,
                        agent));
        all.add(
                new Finding(
                        Names.GITHUB_ORG + "/support-agent",
                        ".env",
                        3,
                        c.secrets.plant(s.anthropicKey),
                        "anthropic-api-key",
                        "ANTHROPIC_API_KEY=" + s.anthropicKey,
                        agentSha,
                        agentCommit,
                        agent));
        for (Teams.Team t : c.teams) {
            SplittableRandom tr = c.w.rng(SystemsSeeds.SCANNER, 1 + t.index());
            if (t.index() == 0 || t.index() % 5 == 2) {
                String pw = c.secrets.plant(t.dbPassword());
                all.add(
                        new Finding(
                                t.repo(),
                                "config/database.yml",
                                7,
                                pw,
                                "generic-api-key",
                                "  password: " + pw,
                                SystemsIds.hex(tr, 40),
                                c.w.before(tr, 5, 300),
                                t.members()[2]));
            }
            GitHubPlan plan = github.get(t.index());
            if (plan.classicLeaked()) {
                String token = c.secrets.plant(plan.classicToken());
                all.add(
                        new Finding(
                                t.repo(),
                                "scripts/release.sh",
                                12,
                                token,
                                "github-pat",
                                "export GITHUB_TOKEN=" + token,
                                SystemsIds.hex(tr, 40),
                                c.w.before(tr, 5, 200),
                                plan.classicOwner()));
            }
            if (t.index() % 4 == 2) {
                // The lead's fine-grained token, pasted into a script: the scanner knows only its
                // value, the audit log its hash and id, the listing its id.
                GitHubPlan.Token token = plan.tokens().get(0);
                SplittableRandom fr = c.w.rng(SystemsSeeds.SCANNER, 10_000 + t.index());
                String value = c.secrets.plant(token.value());
                all.add(
                        new Finding(
                                t.repo(),
                                "scripts/sync.sh",
                                4,
                                value,
                                "github-fine-grained-pat",
                                "export GH_TOKEN=" + value,
                                SystemsIds.hex(fr, 40),
                                Math.max(token.granted() + Window.DAY, c.w.before(fr, 1, 15)),
                                token.owner()));
            }
        }
        return all;
    }

    private void gitleaks(JsonGenerator g, Finding f) throws IOException {
        String match = f.lineText().trim();
        g.writeStartObject();
        g.writeStringField("Description", description(f.rule()));
        g.writeNumberField("StartLine", f.line());
        g.writeNumberField("EndLine", f.line());
        g.writeNumberField("StartColumn", 1);
        g.writeNumberField("EndColumn", f.lineText().length());
        g.writeStringField("Line", f.lineText());
        g.writeStringField("Match", match);
        g.writeStringField("Secret", f.secret());
        g.writeStringField("File", f.file());
        g.writeStringField("SymlinkFile", "");
        g.writeStringField("Commit", f.commit());
        g.writeStringField(
                "Link",
                "https://github.com/"
                        + f.repo()
                        + "/blob/"
                        + f.commit()
                        + "/"
                        + f.file()
                        + "#L"
                        + f.line());
        g.writeNumberField("Entropy", 4.7);
        g.writeStringField("Author", c.people.get(f.author()).name());
        g.writeStringField("Email", c.people.email(f.author()));
        g.writeStringField("Date", TimeFormats.iso(f.date()));
        g.writeStringField("Message", "Update configuration");
        g.writeArrayFieldStart("Tags");
        g.writeEndArray();
        g.writeStringField("RuleID", f.rule());
        g.writeStringField(
                "Fingerprint", f.commit() + ":" + f.file() + ":" + f.rule() + ":" + f.line());
        g.writeEndObject();
    }

    /** A git scan of the deploy configuration, and two laptops' MCP configurations. */
    private void trufflehog() throws IOException {
        Scenarios s = c.scenarios;
        String author =
                c.people.get(s.jenkinsCommitter).name()
                        + " <"
                        + c.people.email(s.jenkinsCommitter)
                        + ">";
        String git =
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("SourceMetadata");
                            g.writeObjectFieldStart("Data");
                            g.writeObjectFieldStart("Git");
                            g.writeStringField("commit", s.jenkinsCommit);
                            g.writeStringField("file", "jenkins/.env");
                            g.writeStringField("email", author);
                            g.writeStringField(
                                    "repository",
                                    "https://github.com/" + Scenarios.CONFIG_REPO + ".git");
                            g.writeStringField(
                                    "timestamp",
                                    TimeFormats.iso(s.jenkinsCommitted)
                                            .replace("T", " ")
                                            .replace("Z", " +0000 UTC"));
                            g.writeNumberField("line", 3);
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeEndObject();
                            source(g, 16, "trufflehog - git", 2, "AWS");
                            g.writeStringField("Raw", s.jenkinsKeyId);
                            g.writeStringField(
                                    "RawV2", s.jenkinsKeyId + c.secrets.plant(s.jenkinsSecret));
                            g.writeStringField("Redacted", s.jenkinsKeyId);
                            g.writeObjectFieldStart("ExtraData");
                            g.writeStringField("account", s.platformAccount);
                            g.writeStringField(
                                    "arn",
                                    "arn:aws:iam::"
                                            + s.platformAccount
                                            + ":user/"
                                            + Scenarios.JENKINS_USER);
                            g.writeEndObject();
                            g.writeNullField("StructuredData");
                            g.writeEndObject();
                        });
        c.out.text(
                TRUFFLEHOG,
                c.out.file(TRUFFLEHOG, "ci-scanner", c.w.stamp + "-git.jsonl"),
                1,
                git + "\n");
        note(
                s.jenkinsKeyId,
                "AWS",
                "jenkins/.env",
                "https://github.com/" + Scenarios.CONFIG_REPO + ":jenkins/.env",
                Window.ms(s.jenkinsCommitted),
                c.people.email(s.jenkinsCommitter));

        laptop(
                "mbp-" + c.people.login(People.member(1, 1)),
                "/Users/"
                        + c.people.login(People.member(1, 1))
                        + "/Library/Application Support/Claude/claude_desktop_config.json",
                s.anthropicKey,
                "Anthropic",
                908);
        laptop(
                "ws-" + c.people.login(People.member(2, 2)),
                "/home/" + c.people.login(People.member(2, 2)) + "/.cursor/mcp.json",
                c.secrets.plant(s.openAiProjectKey),
                "OpenAI",
                909);
    }

    private void laptop(String host, String file, String key, String detector, int type)
            throws IOException {
        String line =
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeObjectFieldStart("SourceMetadata");
                            g.writeObjectFieldStart("Data");
                            g.writeObjectFieldStart("Filesystem");
                            g.writeStringField("file", file);
                            g.writeNumberField("line", 9);
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeEndObject();
                            source(g, 15, "trufflehog - filesystem", type, detector);
                            g.writeStringField("Raw", key);
                            g.writeStringField("Redacted", "");
                            g.writeNullField("ExtraData");
                            g.writeNullField("StructuredData");
                            g.writeEndObject();
                        });
        c.out.text(
                TRUFFLEHOG,
                c.out.file(TRUFFLEHOG, host, c.w.stamp + "-filesystem.jsonl"),
                1,
                line + "\n");
        note(key, detector, file, file, Window.ms(c.w.end), null);
    }

    private static void source(
            JsonGenerator g, int sourceType, String sourceName, int detectorType, String detector)
            throws IOException {
        g.writeNumberField("SourceID", 1);
        g.writeNumberField("SourceType", sourceType);
        g.writeStringField("SourceName", sourceName);
        g.writeNumberField("DetectorType", detectorType);
        g.writeStringField("DetectorName", detector);
        g.writeStringField("DecoderName", "PLAIN");
        g.writeBooleanField("Verified", false);
    }

    /** The ground truth of one finding: the credential stored at the place, by its author. */
    private void note(
            String secret, String hint, String file, String path, long time, String author) {
        String key;
        String type;
        if (CanonicalIds.isAwsAccessKeyId(secret) && secret.startsWith("AKIA")) {
            key = CanonicalIds.awsAccessKey(secret);
            type = CredentialTypes.AWS_ACCESS_KEY;
        } else if (secret.startsWith("github_pat_")) {
            key = listedTokenOf(secret);
            type = CredentialTypes.GITHUB_FINE_GRAINED_PAT;
        } else if (secret.startsWith("ghp_")) {
            key = CanonicalIds.githubToken(Fingerprinter.githubHashedToken(secret));
            type = CredentialTypes.GITHUB_PAT;
        } else {
            key = TruthBook.fingerprintKey(secret);
            type =
                    secret.startsWith("sk-")
                            ? CredentialTypes.LLM_API_KEY
                            : CredentialTypes.GENERIC_SECRET;
        }
        c.book.stored(key, type, Stores.ofFilePath(file), path, time);
        if (author != null) {
            c.book.credentialOwner(key, author, "commit-author", time);
        }
    }

    /** The listing's id of a fine-grained token the audit log names: Keyline joins the two. */
    private String listedTokenOf(String value) {
        for (GitHubPlan plan : github) {
            for (GitHubPlan.Token token : plan.tokens()) {
                if (token.value().equals(value)) {
                    return token.patId();
                }
            }
        }
        throw new IllegalStateException("A planted fine-grained token that no plan holds.");
    }

    private static String description(String rule) {
        switch (rule) {
            case "aws-access-token":
                return "Identified a pattern that may indicate AWS credentials, risking unauthorized cloud resource access and data breaches on AWS platforms.";
            case "github-fine-grained-pat":
                return "Found a GitHub Fine-Grained Personal Access Token, risking unauthorized repository access and code manipulation.";
            case "github-pat":
                return "Uncovered a GitHub Personal Access Token, potentially leading to unauthorized repository access and sensitive content exposure.";
            case "openai-api-key":
                return "Found an OpenAI API Key, posing a risk of unauthorized access to AI services and data manipulation.";
            case "anthropic-api-key":
                return "Identified an Anthropic API Key, which may compromise AI assistant integrations and expose customer data.";
            default:
                return "Detected a Generic API Key, potentially exposing access to various services and sensitive operations.";
        }
    }
}
