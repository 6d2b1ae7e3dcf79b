package io.keyline.demo.systems;

import io.keyline.demo.systems.Teams.Team;
import io.keyline.model.CanonicalIds;
import java.util.SplittableRandom;

/**
 * The Kubernetes side of one team: its cluster, the service accounts of its namespace (the app's,
 * which EKS lets act as an IAM role; the batch job's, which GKE lets act as its GCP service
 * account; the CI runner's, which still has a legacy token Secret), the role the CI runner is bound
 * to, and the token Secret's age.
 */
record K8sPlan(
        Team team,
        String appAccount,
        String batchAccount,
        String irsaRole,
        String runnerRole,
        boolean runnerClusterRole,
        long tokenCreated,
        String tokenValue,
        long tokenLastUsedBefore) {

    static final String RUNNER = "ci-runner";
    static final String TOKEN_SECRET = "ci-runner-token";

    static K8sPlan of(Window w, Team t) {
        SplittableRandom r = w.rng(SystemsSeeds.K8S, t.index());
        String role;
        switch (t.index() % 3) {
            case 0 -> role = "cluster-admin";
            case 1 -> role = "edit";
            default -> role = "view";
        }
        String token =
                "eyJhbGciOiJSUzI1NiIsImtpZCI6Ij"
                        + SystemsIds.password(r)
                        + SystemsIds.password(r)
                        + "."
                        + SystemsIds.password(r)
                        + SystemsIds.password(r);
        return new K8sPlan(
                t,
                t.app(),
                t.batchApp() + "-batch",
                t.name() + "-" + t.app() + "-irsa",
                role,
                true,
                w.before(r, 100, 900),
                token,
                w.before(r, 1, 20));
    }

    String account(String name) {
        return CanonicalIds.k8sServiceAccount(team.cluster(), team.namespace(), name);
    }

    String token() {
        return CanonicalIds.k8sServiceAccountToken(team.cluster(), team.namespace(), TOKEN_SECRET);
    }

    TruthBook.Tier runnerTier() {
        return switch (runnerRole) {
            case "cluster-admin" -> TruthBook.Tier.ADMIN;
            case "edit" -> TruthBook.Tier.HIGH;
            default -> TruthBook.Tier.READ;
        };
    }
}
