package io.keyline.demo;

import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Regenerates the plan of an IAM role from its identity index. */
final class RolePlanner {

    static final String GITHUB_OIDC = "token.actions.githubusercontent.com";
    static final String SSO_PATH = "/aws-reserved/sso.amazonaws.com/";

    private static final String[] FUNCTIONS = {"handler", "consumer", "cron", "processor"};
    private static final long DAY = TimeFormats.DAY;

    private RolePlanner() {}

    static RolePlan plan(Estate e, int identity) {
        SplittableRandom r = Seeds.rng(e.seed, Seeds.ROLE, identity);
        IdentityKind kind = e.kind(identity);
        int account = e.accountOf(identity);
        String accountId = e.accountId(account);
        int local = e.localIndex(identity);
        String team = Names.TEAMS[r.nextInt(Names.TEAMS.length)];
        String app = Names.APPS[r.nextInt(Names.APPS.length)];
        long window = e.windowSeconds();

        String name;
        String path = "/";
        String principal;
        String session = null;
        String subject = null;
        int grants;
        boolean active = false;
        switch (kind) {
            case SSO_ROLE:
                name = e.ssoRoleName(account);
                path = SSO_PATH;
                principal =
                        "arn:aws:iam::"
                                + accountId
                                + ":saml-provider/AWSSSO_"
                                + e.ssoSuffix(account)
                                + "_DO_NOT_DELETE";
                grants = Grants.managed(ManagedPolicy.ADMINISTRATOR_ACCESS);
                active = true;
                break;
            case SERVICE_ROLE:
                double x = r.nextDouble();
                if (x < 0.5) {
                    name = team + "-" + app + "-lambda-" + local;
                    principal = "lambda.amazonaws.com";
                    session = team + "-" + app + "-" + FUNCTIONS[r.nextInt(FUNCTIONS.length)];
                } else if (x < 0.8) {
                    name = team + "-" + app + "-ec2-" + local;
                    principal = "ec2.amazonaws.com";
                    session = "i-" + Ids.hex(r, 17);
                } else {
                    name = team + "-" + app + "-task-" + local;
                    principal = "ecs-tasks.amazonaws.com";
                    session = Ids.hex(r, 32);
                }
                grants = Grants.pick(serviceTier(r), r, false);
                active = r.nextDouble() < 0.25;
                break;
            case CROSS_ACCOUNT_ROLE:
                double a = r.nextDouble();
                String access = a < 0.5 ? "readonly" : a < 0.8 ? "deploy" : "admin";
                name = "xacct-" + team + "-" + access + "-" + local;
                principal = e.trustedAccount(account);
                grants =
                        a < 0.5
                                ? Grants.managed(ManagedPolicy.READ_ONLY_ACCESS)
                                : a < 0.8
                                        ? Grants.customer(CustomerPolicy.DEPLOY_S3)
                                        : Grants.managed(ManagedPolicy.ADMINISTRATOR_ACCESS);
                break;
            case CI_ROLE:
                name = "gha-" + team + "-" + app + "-" + local;
                principal = GITHUB_OIDC;
                subject =
                        "repo:"
                                + Names.repository(team, app)
                                + (r.nextDouble() < 0.7
                                        ? ":ref:refs/heads/main"
                                        : ":environment:production");
                double c = r.nextDouble();
                grants =
                        c < 0.6
                                ? Grants.customer(CustomerPolicy.DEPLOY_S3)
                                : c < 0.85
                                        ? Grants.managed(ManagedPolicy.POWER_USER_ACCESS)
                                        : c < 0.9
                                                ? Grants.managed(ManagedPolicy.ADMINISTRATOR_ACCESS)
                                                : Grants.customer(CustomerPolicy.APP_RW);
                active = r.nextDouble() < 0.3;
                break;
            default:
                throw new IllegalArgumentException(
                        "Identity " + identity + " is a " + kind + ", not a role.");
        }

        // Creation: a few service and CI roles are created in the window by a person.
        boolean newRole =
                (kind == IdentityKind.SERVICE_ROLE || kind == IdentityKind.CI_ROLE)
                        && r.nextDouble() < 0.02;
        long created;
        int creator = -1;
        long priorLastUse = -1;
        List<ManagementEvent> events = new ArrayList<>();
        if (kind == IdentityKind.SSO_ROLE) {
            created = e.accountCreated(account) + DAY;
        } else if (newRole) {
            created = e.start + r.nextLong(window - 6 * TimeFormats.HOUR);
            creator = r.nextInt(e.people);
            events.add(
                    new ManagementEvent(created, ManagementEvent.Action.CREATE_ROLE, creator, 0));
            long t = created + 15;
            for (int bit = 0; bit < 16; bit++) {
                if (Grants.has(grants, 1 << bit)) {
                    events.add(
                            new ManagementEvent(
                                    t, ManagementEvent.Action.ATTACH_ROLE_POLICY, creator, bit));
                    t += 5 + r.nextInt(20);
                }
            }
        } else {
            created = e.end - 1600 * DAY + r.nextLong(1600 * DAY - window);
        }
        if (!newRole && r.nextDouble() < 0.6) {
            priorLastUse = created + r.nextLong(Math.max(1, e.start - created - 60));
        }
        return new RolePlan(
                identity,
                account,
                accountId,
                kind,
                name,
                path,
                Ids.iamId(e.seed, "AROA", identity),
                created,
                creator,
                grants,
                Grants.tier(grants),
                new Workload(accountId, e.region(account), team, app),
                principal,
                session,
                subject,
                active,
                priorLastUse,
                events.toArray(new ManagementEvent[0]));
    }

    private static PrivilegeTier serviceTier(SplittableRandom r) {
        double x = r.nextDouble();
        return x < 0.05
                ? PrivilegeTier.ADMIN
                : x < 0.30
                        ? PrivilegeTier.HIGH
                        : x < 0.80 ? PrivilegeTier.WRITE : PrivilegeTier.READ;
    }
}
