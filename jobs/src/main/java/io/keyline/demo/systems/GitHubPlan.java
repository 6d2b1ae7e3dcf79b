package io.keyline.demo.systems;

import io.keyline.demo.systems.Teams.Team;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.model.CanonicalIds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The GitHub side of one team: the fine-grained tokens its people have approved for the
 * organization (the lead's, and the leaver's, approved on the first day), a classic token of its
 * first member used with the {@code repo} scope, and the deploy key of its repository.
 */
record GitHubPlan(
        Team team,
        List<Token> tokens,
        String classicToken,
        int classicOwner,
        boolean classicLeaked,
        String deployKeyId,
        long deployKeyCreated,
        boolean deployKeyReadOnly,
        long deployKeyLastUsed) {

    /**
     * A fine-grained token.
     *
     * @param granted when the organization approved it (inside the window when {@code approvedBy}
     *     is set)
     * @param approvedBy the person who approved it inside the window, or -1
     * @param expires its expiry, or -1 for none
     * @param usesPerDay its uses a day in the audit log
     * @param admin true when it can change the repository's administration
     */
    record Token(
            String tokenId,
            String value,
            String name,
            int owner,
            long granted,
            int approvedBy,
            long expires,
            int usesPerDay,
            boolean admin) {

        String hashed() {
            return Fingerprinter.githubHashedToken(value);
        }

        String patId() {
            return CanonicalIds.githubPat(io.keyline.demo.Names.GITHUB_ORG, tokenId);
        }
    }

    static GitHubPlan of(Window w, Team t) {
        SplittableRandom r = w.rng(SystemsSeeds.GITHUB, t.index());
        List<Token> tokens = new ArrayList<>();
        long granted = w.before(r, 20, 300);
        tokens.add(
                new Token(
                        SystemsIds.digits(r, 7),
                        SystemsIds.fineGrainedToken(r),
                        t.name() + "-automation",
                        t.lead(),
                        granted,
                        -1,
                        t.index() % 2 == 0 ? -1 : granted + 366 * Window.DAY,
                        t.index() % 2 == 0 ? 2 : 0,
                        t.index() % 3 == 0));
        if (t.leaver() >= 0) {
            tokens.add(
                    new Token(
                            SystemsIds.digits(r, 7),
                            SystemsIds.fineGrainedToken(r),
                            "release-scripts",
                            t.leaver(),
                            w.at(0, r, 2, 8),
                            t.lead(),
                            -1,
                            1,
                            false));
        }
        String classic = SystemsIds.classicToken(r);
        return new GitHubPlan(
                t,
                tokens,
                classic,
                t.members()[0],
                t.index() % 4 == 1,
                SystemsIds.digits(r, 8),
                w.before(r, 30, 900),
                t.index() % 2 == 1,
                w.before(r, 1, 30));
    }

    String deployKey() {
        return CanonicalIds.githubDeployKey(team.repo(), deployKeyId);
    }
}
