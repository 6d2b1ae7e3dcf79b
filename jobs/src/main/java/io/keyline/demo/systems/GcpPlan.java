package io.keyline.demo.systems;

import io.keyline.demo.systems.Teams.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Google Cloud side of one team: its project's service accounts, the roles they hold, their
 * user-managed keys (when each was made and by whom, whether it expires, how often it is used) and
 * the project's Secret Manager secrets. The AI platform project holds the Vertex AI agent and the
 * service account Okta's federation user acts as.
 */
record GcpPlan(
        String project,
        long projectNumber,
        List<Account> accounts,
        List<Key> keys,
        String secretName,
        long secretCreated,
        int secretOwner) {

    /** A service account and the project role it holds. */
    record Account(String email, String displayName, String role, String description) {}

    /**
     * A user-managed key.
     *
     * @param created when it was made, epoch seconds
     * @param creator the person who made it inside the window, or -1 when it predates the window
     * @param expires when it expires, or -1 for never
     * @param callsPerDay how many calls it makes a day once it exists
     * @param service the API it calls
     */
    record Key(
            String account,
            String keyId,
            long created,
            int creator,
            long expires,
            int callsPerDay,
            String service) {}

    static final String NEVER = "9999-12-31T23:59:59Z";
    static final long NEVER_SECONDS = 253402300799L;

    static GcpPlan of(Window w, Team t, People people) {
        SplittableRandom r = w.rng(SystemsSeeds.GCP, t.index());
        String ownerRole = t.index() % 5 == 0 ? "roles/owner" : "roles/editor";
        List<Account> accounts =
                List.of(
                        new Account(
                                t.deployer(),
                                "CI deployer",
                                ownerRole,
                                "Deploys " + t.name() + " from CI"),
                        new Account(
                                t.runtime(),
                                t.app() + " runtime",
                                "roles/storage.objectViewer",
                                "Runtime of "
                                        + t.app()
                                        + ". owner: "
                                        + people.email(t.members()[0])),
                        new Account(
                                t.batch(),
                                t.batchApp() + " batch",
                                "roles/bigquery.dataEditor",
                                "Nightly " + t.batchApp() + " jobs"));
        List<Key> keys = new ArrayList<>();
        keys.add(
                new Key(
                        t.deployer(),
                        SystemsIds.hex(r, 40),
                        w.before(r, 95, 700),
                        -1,
                        -1,
                        3 + r.nextInt(3),
                        "storage"));
        int day = r.nextInt(w.days);
        long created = w.at(day, r, 9, 18);
        boolean expiring = t.index() % 3 == 0;
        keys.add(
                new Key(
                        t.runtime(),
                        SystemsIds.hex(r, 40),
                        created,
                        t.members()[1],
                        expiring ? created + 90 * Window.DAY : -1,
                        t.index() % 2 == 0 ? 2 : 0,
                        "storage"));
        keys.add(
                new Key(
                        t.batch(),
                        SystemsIds.hex(r, 40),
                        w.before(r, 20, 400),
                        -1,
                        -1,
                        0,
                        "bigquery"));
        if (t.index() % 2 == 1) {
            // A break-glass key of the deployer, made long ago and never used since: privileged
            // and unused.
            SplittableRandom b = w.rng(SystemsSeeds.GCP, 1_000 + t.index());
            keys.add(
                    new Key(
                            t.deployer(),
                            SystemsIds.hex(b, 40),
                            w.before(b, 120, 400),
                            -1,
                            -1,
                            0,
                            "storage"));
        }
        if (t.leaver() >= 0) {
            keys.add(
                    new Key(
                            t.deployer(),
                            SystemsIds.hex(r, 40),
                            w.at(0, r, 1, 8),
                            t.leaver(),
                            -1,
                            2,
                            "storage"));
        }
        return new GcpPlan(
                t.project(),
                t.projectNumber(),
                accounts,
                keys,
                t.app() + "-db-password",
                w.before(r, 30, 500),
                t.members()[0]);
    }

    /** The AI platform project: the Vertex AI agent's key and Okta's federated account. */
    static GcpPlan aiPlatform(Window w, Scenarios s) {
        List<Account> accounts =
                List.of(
                        new Account(
                                s.vertexAccount,
                                "Vertex AI agent",
                                "roles/aiplatform.user",
                                "Calls Gemini for the support agent"),
                        new Account(
                                s.federationGcpAccount,
                                "Okta federation",
                                "roles/viewer",
                                "Acts for svc-federation through the okta-pool"));
        List<Key> keys =
                List.of(
                        new Key(
                                s.vertexAccount,
                                s.vertexKeyId,
                                s.vertexKeyCreated,
                                -1,
                                -1,
                                6,
                                "aiplatform"));
        return new GcpPlan(Scenarios.AI_PROJECT, s.aiProjectNumber, accounts, keys, null, 0, -1);
    }

    /** The workload identity subject of Okta's federation user in the AI platform's pool. */
    static String oktaSubject(long projectNumber) {
        return "principal://iam.googleapis.com/projects/"
                + projectNumber
                + "/locations/global/workloadIdentityPools/okta-pool/subject/"
                + Scenarios.FEDERATION_LOGIN;
    }

    static String keyName(String project, Key k) {
        return "projects/" + project + "/serviceAccounts/" + k.account() + "/keys/" + k.keyId();
    }
}
