package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.AlertKeys;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory job on a generated estate of every system (AWS, HR, Okta, GCP, Azure, GitHub,
 * Kubernetes, Vault, secret stores and scanners) on a MiniCluster at parallelism 2; the Iceberg
 * tables read back and compared, exactly, with both parts of the generator's ground truth.
 */
class SystemsITCase {

    private static final int PARALLELISM = 2;

    /** The columns of {@code credentials} the systems truth states, with the same names. */
    private static final List<String> CREDENTIAL_COLUMNS =
            List.of(
                    "credential_type",
                    "identity_id",
                    "status",
                    "created_at",
                    "created_by",
                    "last_used_at",
                    "expires_at",
                    "never_expires",
                    "owner",
                    "owner_source",
                    "owner_status",
                    "former_owner",
                    "location_count",
                    "exposed_at",
                    "privilege_tier");

    private static final List<String> IDENTITY_COLUMNS =
            List.of("privilege_tier", "created_by", "owner", "owner_source", "owner_status");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(PARALLELISM);

    @TempDir static Path dir;

    private static Path input;
    private static Path data;
    private static CatalogLoader catalog;
    private static Fingerprinter fingerprinter;
    private static JsonNode aws;
    private static JsonNode systems;
    private static String printed;

    @BeforeAll
    static void generateAndRun() throws Exception {
        input = dir.resolve("input");
        data = dir.resolve("data");
        EstateGenerator.generate(
                new EstateGenerator.Options(600, 12, 7L, LocalDate.of(2026, 11, 1), input, true));
        aws = Json.read(Files.readAllBytes(input.resolve("_ground-truth.json")));
        systems = Json.read(Files.readAllBytes(input.resolve("_systems-truth.json")));

        fingerprinter = Fingerprinter.fromFile(MiniClusters.pepper(data));
        catalog = Catalogs.embedded(data);
        MiniClusters.createUncompressedTables(catalog);

        // Through the command line, as a user runs it, with its standard output and error kept.
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream both =
                new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        int code;
        try {
            System.setOut(both);
            System.setErr(both);
            code =
                    io.keyline.cli.Keyline.execute(
                            "run",
                            "--input",
                            input.toString(),
                            "--bounded",
                            "--parallelism",
                            String.valueOf(PARALLELISM),
                            "--warehouse",
                            data.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
    }

    private static List<Record> rows(KeylineTables.Spec spec) throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    /** A truth entry's credential id: its own, or the keyed fingerprint of its value. */
    private static String idOf(JsonNode entry) {
        JsonNode id = entry.get("credential_id");
        if (id != null && !id.isNull()) {
            return id.asText();
        }
        return "fp:" + fingerprinter.fingerprint(entry.get("fingerprint_of").asText());
    }

    /** A cell as the truth writes it: times as ISO instants, everything else as text. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).toInstant().toString();
        }
        return value.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Notes every column where the row differs from the truth entry. */
    private static void compare(
            String id,
            JsonNode expected,
            Record row,
            List<String> columns,
            List<String> mismatches) {
        for (String column : columns) {
            String want = text(expected, column);
            String was = text(row.getField(column));
            if (!Objects.equals(want, was)) {
                mismatches.add(id + " " + column + ": expected " + want + ", was " + was);
            }
        }
    }

    private static Map<String, Record> byKey(List<Record> rows, String key) {
        Map<String, Record> map = new HashMap<>();
        for (Record r : rows) {
            map.put((String) r.getField(key), r);
        }
        return map;
    }

    @Test
    void everyCredentialOfTheSystemsHasExactlyItsPlantedFacts() throws Exception {
        Map<String, Record> written = byKey(rows(KeylineTables.CREDENTIALS), "credential_id");
        List<String> mismatches = new ArrayList<>();
        for (JsonNode expected : systems.get("credentials")) {
            String id = idOf(expected);
            Record row = written.get(id);
            if (row == null) {
                mismatches.add(id + ": missing");
                continue;
            }
            compare(id, expected, row, CREDENTIAL_COLUMNS, mismatches);
        }
        assertThat(mismatches).isEmpty();
        assertThat(systems.get("credentials").size()).isGreaterThan(50);
    }

    @Test
    void theCredentialsAreThoseOfBothPartsOfTheEstateAndNoOthers() throws Exception {
        Set<String> expected = new TreeSet<>();
        aws.get("credentials").forEach(c -> expected.add(idOf(c)));
        int awsCount = expected.size();
        systems.get("credentials").forEach(c -> expected.add(idOf(c)));
        assertThat(expected).hasSize(awsCount + systems.get("credentials").size());

        Set<String> written =
                new TreeSet<>(byKey(rows(KeylineTables.CREDENTIALS), "credential_id").keySet());
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void alertsAreExactlyThoseDueInBothPartsOfTheEstate() throws Exception {
        Set<String> expected = new TreeSet<>(AlertKeys.ofTruth(aws.get("alerts")));
        expected.addAll(AlertKeys.ofTruth(systems.get("alerts"), SystemsITCase::idOf));
        List<Record> alerts = rows(KeylineTables.ALERTS);
        Set<String> written = AlertKeys.of(alerts);
        assertThat(alerts).hasSameSizeAs(written);
        assertThat(written).isEqualTo(expected);
        // Every rule is planted at least once in the systems part.
        Set<String> rules = new TreeSet<>();
        systems.get("alerts").forEach(a -> rules.add(a.get("rule").asText()));
        assertThat(rules)
                .contains(
                        AlertRules.ORPHANED,
                        AlertRules.EXPOSED,
                        AlertRules.EXPIRING,
                        AlertRules.STALE_ROTATION,
                        AlertRules.UNUSED_PRIVILEGED);
        // The rules of the AWS part hold for the other systems' credentials as well.
        assertThat(alerts)
                .filteredOn(a -> AlertRules.UNUSED_PRIVILEGED.equals(a.getField("rule")))
                .extracting(a -> (String) a.getField("system"))
                .contains("aws", "gcp");
    }

    @Test
    void identitiesHaveTheirPlantedTiersOwnersAndTrustedPrincipals() throws Exception {
        Map<String, Record> written = byKey(rows(KeylineTables.IDENTITIES), "identity_id");
        List<String> mismatches = new ArrayList<>();
        for (JsonNode expected : systems.get("identities")) {
            String id = expected.get("identity_id").asText();
            Record row = written.get(id);
            if (row == null) {
                mismatches.add(id + ": missing");
                continue;
            }
            compare(id, expected, row, IDENTITY_COLUMNS, mismatches);
            List<String> trusted = new ArrayList<>();
            expected.get("trusted_principals").forEach(p -> trusted.add(p.asText()));
            List<?> was = (List<?>) row.getField("trusted_principals");
            List<String> wasSorted =
                    was == null
                            ? List.of()
                            : was.stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.toList());
            trusted.sort(null);
            if (!trusted.equals(wasSorted)) {
                mismatches.add(
                        id + " trusted_principals: expected " + trusted + ", was " + wasSorted);
            }
        }
        assertThat(mismatches).isEmpty();
        // The trusts of the truth are those of its identities that have any.
        assertThat(systems.get("trusts").size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theFederatedServiceUserIsTrustedByAnIdentityInEachCloud() throws Exception {
        JsonNode okta = systems.get("scenarios").get("okta-federation");
        String principal = okta.get("trusted_principal").asText();
        Map<String, Record> written = byKey(rows(KeylineTables.IDENTITIES), "identity_id");
        List<String> clouds = new ArrayList<>();
        for (JsonNode federated : okta.get("federated_identities")) {
            Record row = written.get(federated.asText());
            assertThat(row).as(federated.asText()).isNotNull();
            assertThat(new ArrayList<Object>((List<?>) row.getField("trusted_principals")))
                    .contains(principal);
            clouds.add((String) row.getField("system"));
        }
        assertThat(clouds).containsExactlyInAnyOrder("aws", "azure", "gcp");
    }

    @Test
    void everyCopyOfASecretIsALocationAndTheCountsAgree() throws Exception {
        Map<String, List<Record>> locations = new HashMap<>();
        for (Record r : rows(KeylineTables.CREDENTIAL_LOCATIONS)) {
            locations
                    .computeIfAbsent((String) r.getField("credential_id"), k -> new ArrayList<>())
                    .add(r);
        }
        for (Record c : rows(KeylineTables.CREDENTIALS)) {
            String id = (String) c.getField("credential_id");
            int count = locations.getOrDefault(id, List.of()).size();
            assertThat(c.getField("location_count")).as(id).isEqualTo(count);
        }
        JsonNode four = systems.get("scenarios").get("secret-in-four-places");
        String key = idOf(four.get("credentials").get(0));
        assertThat(locations.get(key))
                .extracting(r -> (String) r.getField("store"))
                .containsExactlyInAnyOrder(
                        "vault", "aws-secrets-manager", "k8s-secret", "env-file");
        JsonNode copies = systems.get("scenarios").get("generic-secret-copies");
        String password = idOf(copies.get("credentials").get(0));
        assertThat(password).startsWith("fp:");
        assertThat(locations.get(password)).hasSize(copies.get("location_count").asInt());
    }

    @Test
    void onlyThePlantedBadInputOfTheAwsPartIsRejected() throws Exception {
        List<Record> letters = rows(KeylineTables.DEAD_LETTERS);
        assertThat(letters)
                .extracting(d -> (String) d.getField("origin"))
                .hasSize(aws.get("deadLetters").size())
                .allSatisfy(
                        origin ->
                                assertThat(
                                                aws.findValuesAsText("file").stream()
                                                        .anyMatch(origin::endsWith))
                                        .as(origin)
                                        .isTrue());
    }

    @Test
    void noPlantedSecretOfAnySystemReachesAnythingTheJobWrote() throws Exception {
        List<String> secrets = new ArrayList<>();
        aws.get("secrets").forEach(s -> secrets.add(s.asText()));
        systems.get("secrets").forEach(s -> secrets.add(s.asText()));
        // The secrets are in the input of every format that carries values.
        for (String format :
                Arrays.asList(
                        "cloudtrail",
                        "gitleaks",
                        "trufflehog",
                        "vault-kv-metadata",
                        "k8s-serviceaccounts",
                        "azure-graph")) {
            assertThat(SecretSearch.filesContaining(input.resolve(format), secrets))
                    .as(format)
                    .isNotEmpty();
        }
        // The search finds what the job did write.
        String someCredential = idOf(systems.get("credentials").get(0));
        assertThat(SecretSearch.filesContaining(data, List.of(someCredential))).isNotEmpty();

        assertThat(SecretSearch.filesContaining(data, secrets)).isEmpty();
        assertThat(SecretSearch.filesContaining(Path.of("target", "test.log"), secrets)).isEmpty();
        assertThat(printed).contains("Inventory written to");
        for (String secret : secrets) {
            assertThat(printed).doesNotContain(secret);
        }
        for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
            for (Record r : rows(spec)) {
                String row = r.toString();
                for (String secret : secrets) {
                    assertThat(row).as(spec.name()).doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void theLeaversCredentialsAreOrphanedAndTheirManagerOwnsThem() throws Exception {
        JsonNode leaver = systems.get("scenarios").get("departed-owner");
        Map<String, Record> written = byKey(rows(KeylineTables.CREDENTIALS), "credential_id");
        Map<String, String> owners = new LinkedHashMap<>();
        for (JsonNode c : leaver.get("credentials")) {
            Record row = written.get(idOf(c));
            assertThat(row).as(idOf(c)).isNotNull();
            owners.put(
                    idOf(c),
                    row.getField("owner")
                            + " "
                            + row.getField("owner_status")
                            + " "
                            + row.getField("former_owner"));
        }
        String expected =
                leaver.get("manager").asText() + " departed " + leaver.get("person").asText();
        assertThat(owners.values()).isNotEmpty().allMatch(expected::equals);
        Set<String> orphaned =
                rows(KeylineTables.ALERTS).stream()
                        .filter(a -> AlertRules.ORPHANED.equals(a.getField("rule")))
                        .map(a -> (String) a.getField("credential_id"))
                        .collect(Collectors.toSet());
        assertThat(orphaned).containsAll(owners.keySet());
    }

    private static String lineage(String id) throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(
                new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(
                            io.keyline.cli.Keyline.execute(
                                    "lineage", "--warehouse", data.toString(), id))
                    .isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theJenkinsKeysLineageShowsItsCreatorItsCopyItsConsumerAndItsReach() throws Exception {
        JsonNode jenkins = systems.get("scenarios").get("terraform-jenkins-key");
        String key = idOf(jenkins.get("credentials").get(0));
        String location = jenkins.get("location").asText();
        String tree = lineage(key);
        assertThat(tree)
                .startsWith(key + "  [AWS_ACCESS_KEY, Active")
                .contains("by " + jenkins.get("created_by").asText())
                .contains(location.substring(location.indexOf(':') + 1) + "  EXPOSED")
                .contains(jenkins.get("consumer").get("source_ip").asText())
                .contains("├─ " + jenkins.get("resource").asText() + "  (granted by ")
                .contains(
                        "owner: " + jenkins.get("commit_author").asText() + " (from commit-author")
                .contains("exposed-secret [critical]");
    }

    /**
     * The graph job over the tables of this estate: each chain the generator planted (an identity,
     * the principals it trusts, and every credential of either) is one cluster, exactly, and each
     * trusted principal and each of its credentials reaches the identity that trusts it in one hop.
     */
    @Test
    void theGraphMakesEachPlantedChainOneClusterAndReachesAlongIt() throws Exception {
        assertThat(
                        io.keyline.cli.Keyline.execute(
                                "graph", "--warehouse", data.toString(), "--parallelism", "2"))
                .isZero();

        // The chains of the truth: union-find over its trusts and its credentials' identities.
        Map<String, String> parent = new HashMap<>();
        java.util.function.UnaryOperator<String> root =
                new java.util.function.UnaryOperator<>() {
                    @Override
                    public String apply(String x) {
                        String p = parent.getOrDefault(x, x);
                        return p.equals(x) ? x : apply(p);
                    }
                };
        Set<String> nodes = new java.util.HashSet<>();
        java.util.function.BiConsumer<String, String> join =
                (a, b) -> {
                    nodes.add(a);
                    nodes.add(b);
                    String ra = root.apply(a);
                    String rb = root.apply(b);
                    if (!ra.equals(rb)) {
                        parent.put(ra, rb);
                    }
                };
        Map<String, List<String>> credentialsOf = new HashMap<>();
        for (JsonNode part : List.of(aws, systems)) {
            for (JsonNode c : part.get("credentials")) {
                String identity = text(c, "identity_id");
                if (identity != null) {
                    join.accept(idOf(c), identity);
                    credentialsOf.computeIfAbsent(identity, k -> new ArrayList<>()).add(idOf(c));
                }
            }
        }
        List<String[]> trusts = new ArrayList<>();
        for (JsonNode t : systems.get("trusts")) {
            for (JsonNode p : t.get("trusted_principals")) {
                trusts.add(new String[] {t.get("identity_id").asText(), p.asText()});
                join.accept(t.get("identity_id").asText(), p.asText());
            }
        }
        Map<String, Set<String>> expected = new HashMap<>();
        for (String x : nodes) {
            expected.computeIfAbsent(root.apply(x), k -> new TreeSet<>()).add(x);
        }

        Map<String, String> clusterOf = new HashMap<>();
        Map<String, Set<String>> members = new HashMap<>();
        for (Record r : rows(KeylineTables.LINEAGE_CLUSTERS)) {
            clusterOf.put((String) r.getField("vertex_id"), (String) r.getField("cluster_id"));
            members.computeIfAbsent((String) r.getField("cluster_id"), k -> new TreeSet<>())
                    .add((String) r.getField("vertex_id"));
        }
        Set<String> reach = new java.util.HashSet<>();
        for (Record r : rows(KeylineTables.EFFECTIVE_REACH)) {
            reach.add(
                    r.getField("origin_id")
                            + " "
                            + r.getField("target")
                            + " "
                            + r.getField("hops"));
        }
        Set<String> identityIds = byKey(rows(KeylineTables.IDENTITIES), "identity_id").keySet();
        for (String[] t : trusts) {
            Set<String> chain = expected.get(root.apply(t[0]));
            assertThat(members.get(clusterOf.get(t[0])))
                    .as("the cluster of " + t[0])
                    .isEqualTo(chain);
            assertThat(members.get(clusterOf.get(t[0]))).contains(t[1]);
            for (String credential : credentialsOf.getOrDefault(t[1], List.of())) {
                assertThat(reach).contains(credential + " " + t[0] + " 1");
            }
            if (identityIds.contains(t[1])) {
                assertThat(reach).contains(t[1] + " " + t[0] + " 1");
            }
        }

        // The Okta service user and the three cloud identities it federates into.
        JsonNode federation = systems.get("scenarios").get("okta-federation");
        String okta = federation.get("trusted_principal").asText();
        Set<String> cluster = new TreeSet<>(members.get(clusterOf.get(okta)));
        Set<String> planted = new TreeSet<>();
        for (JsonNode identity : federation.get("identities")) {
            planted.add(identity.asText());
            planted.addAll(credentialsOf.getOrDefault(identity.asText(), List.of()));
        }
        assertThat(cluster).isEqualTo(planted);
        for (JsonNode federated : federation.get("federated_identities")) {
            assertThat(reach).contains(okta + " " + federated.asText() + " 1");
        }
        try (TableReader tables = new TableReader(catalog)) {
            List<Record> row =
                    tables.rows(
                            KeylineTables.LINEAGE_CLUSTERS,
                            org.apache.iceberg.expressions.Expressions.equal("vertex_id", okta));
            assertThat(row.get(0).getField("cluster_systems")).isEqualTo("aws,azure,gcp,okta");
        }
        // The SaaS tool's chain: the contractor's Okta app, the role its tokens and the tool's
        // workflow federate into, and the export bucket the role reaches.
        JsonNode saas = systems.get("scenarios").get("saas-contractor-grant");
        String app = saas.get("identities").get(0).asText();
        String saasRole = saas.get("identities").get(1).asText();
        Set<String> saasChain = members.get(clusterOf.get(app));
        assertThat(saasChain).contains(app, saasRole);
        saas.get("trusted_principals").forEach(p -> assertThat(saasChain).contains(p.asText()));
        assertThat(reach).contains(app + " " + saasRole + " 1");
        assertThat(reach)
                .anyMatch(
                        r ->
                                r.startsWith(app + " " + saas.get("resource").asText())
                                        && r.endsWith(" 1"));
        assertThat(lineage(app))
                .contains("owner: " + saas.get("owner").asText() + " (from ")
                .contains(saasRole + "  (identity, 1 hop(s)")
                .contains("via " + app + " -> " + saasRole);

        // lineage shows the cluster and the reach through the federations.
        String tree = lineage(okta);
        assertThat(tree)
                .contains("├─ cluster: " + clusterOf.get(okta) + "  (4 members: 4 identities")
                .contains("aws,azure,gcp,okta)")
                .contains("effective reach (blast radius): ");
        for (JsonNode federated : federation.get("federated_identities")) {
            assertThat(tree)
                    .contains(federated.asText() + "  (identity, 1 hop(s)")
                    .contains("via " + okta + " -> " + federated.asText());
        }
    }

    @Test
    void theFederatedServiceUsersLineageShowsTheIdentitiesItActsAs() throws Exception {
        JsonNode okta = systems.get("scenarios").get("okta-federation");
        String principal = okta.get("trusted_principal").asText();
        String tree = lineage(principal);
        assertThat(tree)
                .startsWith(principal + "  [service-user, okta")
                .contains("owner: " + okta.get("owner").asText())
                .contains("acts as " + okta.get("federated_identities").size() + " identities");
        for (JsonNode federated : okta.get("federated_identities")) {
            assertThat(tree).contains(federated.asText() + "  (");
        }
        JsonNode saas = systems.get("scenarios").get("saas-contractor-grant");
        for (JsonNode identity : saas.get("identities")) {
            assertThat(lineage(identity.asText()))
                    .contains("owner: " + saas.get("owner").asText() + " (from ");
        }
    }

    @Test
    void aFineGrainedTokenIsOneCredentialFromItsListingItsCallsAndItsCopy() throws Exception {
        List<Record> credentials = rows(KeylineTables.CREDENTIALS);
        assertThat(credentials)
                .filteredOn(c -> "GITHUB_FINE_GRAINED_PAT".equals(c.getField("credential_type")))
                .isNotEmpty()
                .allSatisfy(
                        c ->
                                assertThat((String) c.getField("credential_id"))
                                        .startsWith("github:pat:"));
        Record leaked =
                credentials.stream()
                        .filter(
                                c ->
                                        "GITHUB_FINE_GRAINED_PAT"
                                                .equals(c.getField("credential_type")))
                        .filter(c -> Integer.valueOf(1).equals(c.getField("location_count")))
                        .findFirst()
                        .orElseThrow();
        String id = (String) leaked.getField("credential_id");
        // Its use comes from the audit log, its expiry from the listing, its copy from a scanner.
        assertThat(leaked.getField("last_used_at")).isNotNull();
        assertThat(leaked.getField("exposed_at")).isNotNull();
        assertThat(rows(KeylineTables.USAGE_DAILY))
                .extracting(u -> (String) u.getField("credential_id"))
                .contains(id);
        assertThat(rows(KeylineTables.CREDENTIAL_LOCATIONS))
                .filteredOn(l -> id.equals(l.getField("credential_id")))
                .singleElement()
                .satisfies(l -> assertThat(l.getField("source")).isEqualTo("gitleaks"));
    }
}
