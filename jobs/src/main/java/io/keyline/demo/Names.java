package io.keyline.demo;

import org.apache.flink.annotation.Internal;

/**
 * The word lists of the synthetic estate and the names built from them: people's e-mail addresses,
 * teams, applications, and the names of users, roles, buckets and tables.
 */
@Internal
public final class Names {

    private static final String[] FIRST = {
        "ada", "alan", "alice", "amir", "ana", "ben", "carla", "chen", "david", "elena", "emma",
        "farah", "felix", "grace", "hana", "ivan", "jamal", "jane", "kai", "lena", "leo", "lucia",
        "maria", "mateo", "mei", "nadia", "noah", "olga", "omar", "priya", "quinn", "rafael",
                "rosa",
        "sam", "sara", "tomas", "uma", "victor", "wei", "yara", "yusuf", "zoe"
    };

    private static final String[] LAST = {
        "adams",
        "baker",
        "chen",
        "costa",
        "diaz",
        "evans",
        "fischer",
        "garcia",
        "haddad",
        "ito",
        "jensen",
        "kim",
        "kowalski",
        "lopez",
        "martin",
        "meyer",
        "moreau",
        "nakamura",
        "novak",
        "okafor",
        "olsen",
        "patel",
        "reyes",
        "rossi",
        "santos",
        "schmidt",
        "silva",
        "singh",
        "tanaka",
        "torres",
        "ueda",
        "varga",
        "wagner",
        "weber",
        "wong",
        "yilmaz",
        "zhang"
    };

    public static final String[] TEAMS = {
        "payments", "ledger", "search", "billing", "identity", "data", "platform", "mobile",
        "growth", "risk", "fraud", "catalog", "shipping", "analytics", "infra", "ml"
    };

    public static final String[] APPS = {
        "api",
        "worker",
        "etl",
        "sync",
        "exporter",
        "scheduler",
        "gateway",
        "indexer",
        "reporter",
        "backup",
        "ingest",
        "notifier",
        "pricing",
        "audit",
        "cache",
        "router",
        "uploader",
        "webhooks",
        "batch",
        "metrics"
    };

    public static final String DOMAIN = "example.com";
    public static final String GITHUB_ORG = "acme";

    private Names() {}

    /**
     * The e-mail address of person number {@code person}: {@code first.last@example.com}, with a
     * digit after the last name once every pair of names is taken.
     */
    public static String email(int person) {
        int pairs = FIRST.length * LAST.length;
        int round = person / pairs;
        int inRound = person % pairs;
        int first = inRound % FIRST.length;
        // Shifting the last name by the first name's index spreads the pairs over both lists.
        int last = (inRound / FIRST.length + first) % LAST.length;
        return FIRST[first]
                + "."
                + LAST[last]
                + (round == 0 ? "" : Integer.toString(round + 1))
                + "@"
                + DOMAIN;
    }

    static String serviceUser(String team, String app, int local) {
        return "svc-" + team + "-" + app + "-" + local;
    }

    static String breakglassUser(int local) {
        return "breakglass-" + local;
    }

    /** The shared application bucket of an account, named in the customer-managed policies. */
    static String appBucket(String account) {
        return "acme-app-data-" + account;
    }

    static String teamBucket(String team, String account) {
        return "acme-" + team + "-" + account;
    }

    static String appTable(String app) {
        return app + "-state";
    }

    static String secretId(String team, String app) {
        return "app/" + team + "-" + app + "/db";
    }

    static String repository(String team, String app) {
        return GITHUB_ORG + "/" + team + "-" + app;
    }
}
