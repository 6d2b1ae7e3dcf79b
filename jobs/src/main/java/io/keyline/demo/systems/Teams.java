package io.keyline.demo.systems;

import io.keyline.demo.Names;
import java.util.SplittableRandom;

/**
 * The teams of the systems part, one per 200 identities of the estate (3 to 2,000), and what every
 * system's writer shares about a team: its names, people, GCP project, Azure app, cluster,
 * repository and the database password that is copied between stores.
 */
final class Teams {

    static final int IDENTITIES_PER_TEAM = 200;
    static final int MIN_TEAMS = 3;
    static final int MAX_TEAMS = 2000;

    /**
     * One team.
     *
     * @param leaver the member who leaves inside the window, or -1
     */
    record Team(
            int index,
            String name,
            String app,
            String batchApp,
            String project,
            long projectNumber,
            String cluster,
            String repo,
            String appId,
            String appObjectId,
            int lead,
            int[] members,
            int leaver,
            String dbPassword) {

        /** The namespace of the team's workloads in its cluster. */
        String namespace() {
            return name;
        }

        String deployer() {
            return "ci-deployer@" + project + ".iam.gserviceaccount.com";
        }

        String runtime() {
            return app + "-runtime@" + project + ".iam.gserviceaccount.com";
        }

        String batch() {
            return batchApp + "-batch@" + project + ".iam.gserviceaccount.com";
        }

        /** The team's mailing list, which owns what the team labels as its own. */
        String list() {
            return "team-" + name + "@" + Names.DOMAIN;
        }
    }

    private Teams() {}

    static int count(int identities) {
        return Math.max(MIN_TEAMS, Math.min(MAX_TEAMS, identities / IDENTITIES_PER_TEAM));
    }

    /** {@code payments}, ..., {@code ml}, then {@code payments-2} and so on. */
    static String name(int team) {
        String base = Names.TEAMS[team % Names.TEAMS.length];
        int round = team / Names.TEAMS.length;
        return round == 0 ? base : base + "-" + (round + 1);
    }

    static Team plan(Window w, int t) {
        SplittableRandom r = w.rng(SystemsSeeds.TEAM, t);
        String name = name(t);
        int a = r.nextInt(Names.APPS.length);
        int b = (a + 1 + r.nextInt(Names.APPS.length - 1)) % Names.APPS.length;
        String app = Names.APPS[a];
        String batchApp = Names.APPS[b];
        int[] members = {People.member(t, 1), People.member(t, 2), People.member(t, 3)};
        return new Team(
                t,
                name,
                app,
                batchApp,
                "acme-" + name,
                100_000_000_000L + Math.floorMod(r.nextLong(), 900_000_000_000L),
                name + "-prod",
                Names.GITHUB_ORG + "/" + name + "-" + app,
                SystemsIds.guid(r),
                SystemsIds.guid(r),
                People.lead(t),
                members,
                People.hasDeparture(t) ? People.member(t, 3) : -1,
                SystemsIds.password(r));
    }
}
