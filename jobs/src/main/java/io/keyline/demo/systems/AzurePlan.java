package io.keyline.demo.systems;

import io.keyline.demo.systems.Teams.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Entra ID side of one team: its integration app, the client secrets it holds (one about to
 * expire, one added inside the window, sometimes one that already expired), the application
 * permission it is granted, and the team's Key Vault with a secret of its own and a copy of the
 * app's secret.
 */
record AzurePlan(
        Team team,
        String displayName,
        List<Secret> secrets,
        String permission,
        long permissionGranted,
        String vault,
        String vaultSecret,
        long vaultCreated,
        long vaultExpires) {

    /**
     * A client secret.
     *
     * @param creator the person who added it inside the window, or -1
     * @param signInsPerDay its sign-ins a day while it is valid
     */
    record Secret(
            String keyId, String name, long start, long end, int creator, int signInsPerDay) {}

    static AzurePlan of(Window w, Team t) {
        SplittableRandom r = w.rng(SystemsSeeds.AZURE, t.index());
        List<Secret> secrets = new ArrayList<>();
        secrets.add(
                new Secret(
                        SystemsIds.guid(r),
                        "ci secret",
                        w.before(r, 200, 600),
                        w.end + (5 + r.nextInt(20)) * Window.DAY + r.nextInt(3600),
                        -1,
                        3));
        long added = w.at(r.nextInt(w.days), r, 9, 17);
        secrets.add(
                new Secret(
                        SystemsIds.guid(r),
                        "rotated secret",
                        added,
                        added + 730 * Window.DAY,
                        t.lead(),
                        t.index() % 2 == 0 ? 2 : 0));
        if (t.index() % 4 == 0) {
            long start = w.before(r, 400, 700);
            secrets.add(
                    new Secret(
                            SystemsIds.guid(r),
                            "old secret",
                            start,
                            w.end - (w.days + 10 + r.nextInt(50)) * Window.DAY,
                            -1,
                            0));
        }
        String permission = t.index() % 3 == 0 ? "Application.ReadWrite.All" : "Directory.Read.All";
        long vaultCreated = w.before(r, 60, 500);
        return new AzurePlan(
                t,
                t.name() + "-integration",
                secrets,
                permission,
                w.at(0, r, 6, 9),
                "kv-" + t.name(),
                t.app() + "-api-key",
                vaultCreated,
                t.index() % 2 == 0 ? -1 : vaultCreated + 730 * Window.DAY);
    }

    static TruthBook.Tier tier(String permission) {
        return permission.equals("Application.ReadWrite.All")
                ? TruthBook.Tier.HIGH
                : TruthBook.Tier.READ;
    }
}
