package io.keyline.demo.systems;

import io.keyline.demo.OutputTree;
import io.keyline.source.FormatSpec;
import io.keyline.source.Formats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;

/**
 * Adds the other systems to a synthetic estate: the HR directory, Okta, Google Cloud, Entra ID and
 * Azure Key Vault, GitHub, Kubernetes, Vault, AWS Secrets Manager, the secret scanners, and the
 * CloudTrail of a platform account, each in its vendor's shape, for one team per 200 identities,
 * with the planted scenarios of {@link Scenarios}; and {@code _systems-truth.json}, what Keyline
 * should conclude from them. The output is a function of the input alone.
 *
 * <pre>
 * first:      the HR directory
 * each day:   every system's audit log lines of the day, in time order  -> a file per day
 * at the end: the listings, as of the end; the scanners' reports; the ground truth
 * </pre>
 *
 * <p>The ground truth's fields, all times ISO-8601 in UTC, as of {@code asOf} (the end):
 *
 * <ul>
 *   <li>{@code counts}: files and records per format, and the number of credentials.
 *   <li>{@code credentials}: every credential the systems part's files name, each once: {@code
 *       credential_id} (null for a secret known only by its keyed fingerprint, whose value is then
 *       {@code fingerprint_of}: fingerprint it with the run's pepper to get {@code fp:<hex>}),
 *       {@code credential_type}, {@code identity_id}, {@code status} ({@code Active}, {@code
 *       Inactive}, or null when no source states one), {@code created_at}, {@code created_by},
 *       {@code last_used_at}, {@code expires_at} and {@code never_expires}, {@code owner}, {@code
 *       owner_source} ({@code tag}, {@code creator}, {@code commit-author}, {@code team}, {@code
 *       hr-manager}), {@code owner_status} ({@code active}, {@code departed}, {@code unknown},
 *       {@code none}), {@code former_owner} (who left, for an orphan), {@code location_count},
 *       {@code exposed_at}, {@code privilege_tier} (of its identity).
 *   <li>{@code alerts}: every alert the default rules raise for those credentials by the end:
 *       {@code rule}, {@code severity}, {@code credential_id} (or {@code fingerprint_of}), {@code
 *       event_time}; nothing else is due.
 *   <li>{@code identities}: every identity the systems part's files name (the AWS estate's are not
 *       repeated), with {@code privilege_tier}, {@code created_by}, {@code owner}, {@code
 *       owner_source}, {@code owner_status} and {@code trusted_principals}; {@code trusts}: those
 *       with trusted principals only.
 *   <li>{@code scenarios}: per planted scenario its {@code description}, {@code credentials}
 *       (objects with {@code credential_id} or {@code fingerprint_of}), {@code identities} and the
 *       facts it is about.
 *   <li>{@code people}: the people who left (with manager and end date) and the contractor.
 *   <li>{@code secrets}: every secret value written into the files, for zero-knowledge checks.
 * </ul>
 */
@Internal
public final class SystemsGenerator {

    static final String TRUTH = "_systems-truth.json";

    /**
     * What the systems part builds on.
     *
     * @param start the window's first second, epoch seconds UTC
     * @param end the second after the window: the time of every listing
     * @param estatePeople the people of the AWS estate; the systems people come after them
     * @param platformAccount an AWS account apart from the estate's
     */
    public record Input(
            long seed,
            int identities,
            int days,
            long start,
            long end,
            int estatePeople,
            String platformAccount,
            OutputTree tree) {}

    /** Files and records of one format. */
    public record FormatCount(int files, long records) {}

    /**
     * What was written.
     *
     * @param formats files and records per format of the systems part
     * @param alertsByRuleAndSeverity the alerts of the ground truth, by {@code rule/severity}
     */
    public record Result(
            int teams,
            int credentials,
            Map<String, FormatCount> formats,
            Map<String, Integer> alertsByRuleAndSeverity) {

        /** The records written per system ({@code okta}, {@code gcp}, ...), by system name. */
        public Map<String, Long> recordsBySystem() {
            Map<String, Long> bySystem = new TreeMap<>();
            formats.forEach(
                    (format, count) -> {
                        FormatSpec spec = Formats.get(format);
                        bySystem.merge(
                                spec == null ? format : spec.system(), count.records(), Long::sum);
                    });
            return bySystem;
        }
    }

    private SystemsGenerator() {}

    public static Result write(Input in) throws IOException {
        Window w = new Window(in);
        int teamCount = Teams.count(in.identities());
        People people = new People(w, teamCount);
        Teams.Team[] teams = new Teams.Team[teamCount];
        for (int t = 0; t < teamCount; t++) {
            teams[t] = Teams.plan(w, t);
        }
        Output out = new Output(in.tree());
        DayLog log = new DayLog(out, Map.of(K8sWriter.AUDIT, DayLog.Layout.PER_FOLDER));
        Scenarios scenarios = new Scenarios(w, teams);
        Context c =
                new Context(w, people, teams, out, log, new TruthBook(), new Secrets(), scenarios);

        // The directory first: every other system names its people.
        HrWriter.write(c);

        // The window, day by day; the Terraform run before it gets its own day's file.
        OktaWriter okta = new OktaWriter(c);
        GcpWriter gcp = new GcpWriter(c);
        AzureWriter azure = new AzureWriter(c);
        GitHubWriter github = new GitHubWriter(c);
        K8sWriter k8s = new K8sWriter(c);
        VaultWriter vault = new VaultWriter(c);
        PlatformTrail trail = new PlatformTrail(c);
        PlatformWriter platform = new PlatformWriter(c, trail);
        if (platform.provisioningDay() >= 0) {
            platform.provisioning();
            trail.flush(platform.provisioningDay());
        }
        for (int d = 0; d < w.days; d++) {
            okta.day(d);
            gcp.day(d);
            azure.day(d);
            github.day(d);
            k8s.day(d);
            vault.day(d);
            platform.day(d);
            log.flush(w.dayStart(d));
            trail.flush(w.dayStart(d));
        }
        log.complete();

        // The listings as of the end, then what the scanners found.
        new OktaListings(c, okta).write();
        new GcpListings(c).write(gcp.plans());
        new AzureListings(c, azure).write();
        github.listings();
        k8s.listings();
        vault.inventory();
        new SecretsManagerWriter(c).write();
        new ScannerWriter(c, github.plans()).write();

        // The ground truth of it all.
        SystemsTruthWriter truth = new SystemsTruthWriter(c);
        Path file = in.tree().root().resolve(TRUTH);
        truth.write(file, out.counts(), scenarios);
        in.tree().written(file);

        Map<String, FormatCount> formats = new LinkedHashMap<>();
        out.counts().forEach((f, n) -> formats.put(f, new FormatCount(n.files, n.records)));
        return new Result(teamCount, truth.credentialCount(), formats, truth.alertCounts());
    }
}
