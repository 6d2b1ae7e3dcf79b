package io.keyline.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Turns one planned event of a {@link DayBuffer} back into a full CloudTrail record, by
 * regenerating the plans it refers to. One renderer per thread: it reuses one record.
 */
final class EventRenderer {

    private static final String[] VERSIONS = {"1.08", "1.09", "1.10"};
    private static final String CI_SESSION = "GitHubActions";
    private static final String PARTNER_ROLE = "partner-readonly-access";

    private final Estate e;
    private final List<String> secrets;
    private final int maxSecrets;
    private final CloudTrailEvent ev = new CloudTrailEvent();

    /** A renderer that appends the session tokens it writes to {@code secrets}, up to a limit. */
    EventRenderer(Estate e, List<String> secrets, int maxSecrets) {
        this.e = e;
        this.secrets = secrets;
        this.maxSecrets = maxSecrets;
    }

    /**
     * The record of event {@code i} of an account's day; valid until the next call.
     *
     * @param eventHash the hash the event id and the record's own choices are drawn from
     */
    CloudTrailEvent render(DayBuffer day, int i, int account, long eventHash) {
        ev.reset();
        long time = day.time(i);
        long seed = day.seed(i);
        SplittableRandom common = new SplittableRandom(Seeds.mix(eventHash));
        ev.time = time;
        ev.eventId = Ids.uuid(eventHash);
        ev.eventVersion = VERSIONS[common.nextInt(VERSIONS.length)];
        ev.requestId = Ids.uuid(common.nextLong());
        // Shortcoming: every record of an account carries the account's one region, IAM's and
        // STS's global calls included (real trails log IAM in us-east-1), so each account-day is
        // one stream of files; a reader keyed on the region of IAM calls would see fewer regions.
        ev.region = e.region(account);
        ev.recipientAccountId = e.accountId(account);
        switch (day.type(i)) {
            case KEY_CALL:
                keyCall(day.entity(i), seed, time);
                break;
            case CROSS_ACCOUNT_CALL:
                crossAccountCall(day.entity(i), e.start + day.aux(i), seed, time);
                break;
            case ROLE_CALL:
                roleCall(day.entity(i), seed, time);
                break;
            case WEB_IDENTITY:
                webIdentity(day.entity(i), seed, time);
                break;
            case CI_CALL:
                ciCall(day.entity(i), e.start + day.aux(i), seed, time);
                break;
            case PERSON_CALL:
                personCall(day.entity(i), day.aux(i), seed, time);
                break;
            case MANAGEMENT:
                management(day.entity(i), day.aux(i), time);
                break;
            default:
                throw new IllegalStateException("No renderer for " + day.type(i) + ".");
        }
        return ev;
    }

    private void keyCall(int number, long seed, long time) {
        UserPlan user = UserPlanner.plan(e, number >>> 1);
        KeyPlan key = user.key(number);
        KeyCall call = KeyCall.choose(user, key, seed);
        place(Consumers.ofKey(e.seed, key, call.consumer()));
        ev.userIdentity = UserIdentities.iamUser(user, key);
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed));
        switch (call.call()) {
            case ASSUME_ROLE:
                assumeRole(user, key, call, seed, time);
                break;
            case GET_SESSION_TOKEN:
                StsCalls.getSessionToken(
                        ev,
                        call.failed()
                                ? null
                                : credentials(
                                        Sessions.ofSessionToken(e, number, time), time, 43_200),
                        user.arn());
                break;
            default:
                ApiCalls.fill(ev, call.call(), user.workload(), user.arn(), call.failed(), r);
        }
    }

    /**
     * A key assuming a role. Shortcoming: the call is recorded in the caller's account only; real
     * CloudTrail also delivers a copy to the role's account (with a shared event id).
     */
    private void assumeRole(UserPlan user, KeyPlan key, KeyCall call, long seed, long time) {
        String session = Sessions.assumeRoleSessionName(user, seed, time);
        Sessions.Credentials credentials =
                call.failed()
                        ? null
                        : credentials(Sessions.ofAssumeRole(e, key.number(), time), time, 3600);
        if (key.assumeTarget() >= 0) {
            RolePlan role = RolePlanner.plan(e, key.assumeTarget());
            StsCalls.assumeRole(
                    ev,
                    role.arn(),
                    role.accountId(),
                    role.roleId(),
                    session,
                    role.sessionArn(session),
                    credentials,
                    user.arn());
        } else {
            String partner = e.partnerAccount();
            StsCalls.assumeRole(
                    ev,
                    "arn:aws:iam::" + partner + ":role/" + PARTNER_ROLE,
                    partner,
                    Ids.iamId(e.seed, "AROA", -1),
                    session,
                    "arn:aws:sts::" + partner + ":assumed-role/" + PARTNER_ROLE + "/" + session,
                    credentials,
                    user.arn());
        }
    }

    private void crossAccountCall(int number, long assumedAt, long parentSeed, long time) {
        UserPlan user = UserPlanner.plan(e, number >>> 1);
        KeyPlan key = user.key(number);
        KeyCall parent = KeyCall.choose(user, key, parentSeed);
        RolePlan role = RolePlanner.plan(e, key.assumeTarget());
        String session = Sessions.assumeRoleSessionName(user, parentSeed, assumedAt);
        String keyId = Ids.sessionKeyId(Sessions.ofAssumeRole(e, number, assumedAt));
        place(Consumers.ofKey(e.seed, key, parent.consumer()));
        ev.userIdentity = UserIdentities.roleSession(role, session, keyId, assumedAt, null);
        roleApiCall(role, role.sessionArn(session), parentSeed + time);
    }

    private void roleCall(int identity, long seed, long time) {
        RolePlan role = RolePlanner.plan(e, identity);
        long hour = Sessions.hour(e, time);
        String keyId = Ids.sessionKeyId(Sessions.ofRole(e, identity, hour));
        place(Consumers.ofRole(e.seed, role));
        ev.userIdentity =
                UserIdentities.roleSession(
                        role, role.sessionName(), keyId, Sessions.hourStart(e, hour), null);
        roleApiCall(role, role.sessionArn(role.sessionName()), seed);
    }

    private void webIdentity(int identity, long runSeed, long time) {
        RolePlan role = RolePlanner.plan(e, identity);
        place(Consumers.ofRunner(new SplittableRandom(runSeed)));
        ev.userIdentity = UserIdentities.webIdentity(role);
        StsCalls.assumeRoleWithWebIdentity(
                ev, role, CI_SESSION, credentials(Sessions.ofCiRun(e, identity, time), time, 3600));
    }

    private void ciCall(int identity, long runTime, long runSeed, long time) {
        RolePlan role = RolePlanner.plan(e, identity);
        Consumers.Place runner = Consumers.ofRunner(new SplittableRandom(runSeed));
        ev.sourceIp = runner.ip();
        ev.userAgent =
                "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-azure exe/x86_64.ubuntu.22"
                        + " prompt/off command/s3.cp";
        String keyId = Ids.sessionKeyId(Sessions.ofCiRun(e, identity, runTime));
        ev.userIdentity =
                UserIdentities.roleSession(
                        role, CI_SESSION, keyId, runTime, role.oidcProviderArn());
        roleApiCall(role, role.sessionArn(CI_SESSION), runSeed + time);
    }

    private void personCall(int person, int account, long seed, long time) {
        RolePlan sso = RolePlanner.plan(e, e.ssoRole(account));
        place(Consumers.ofPerson(e.seed, person));
        ev.userIdentity = UserIdentities.person(e, sso, person, time);
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed));
        ApiCall call = ApiCall.pick(Permissions.of(sso.grants()), r);
        ApiCalls.fill(ev, call, sso.workload(), sso.sessionArn(e.email(person)), false, r);
    }

    private void management(int identity, int ordinal, long time) {
        int account = e.accountOf(identity);
        RolePlan sso = RolePlanner.plan(e, e.ssoRole(account));
        ManagementEvent change;
        if (e.kind(identity) == IdentityKind.USER) {
            UserPlan user = UserPlanner.plan(e, identity);
            change = user.events()[ordinal];
            ManagementCalls.fill(ev, e, user, change);
        } else {
            RolePlan role = RolePlanner.plan(e, identity);
            change = role.events()[ordinal];
            ManagementCalls.fill(ev, role, change);
        }
        place(Consumers.ofPerson(e.seed, change.person()));
        ev.userIdentity = UserIdentities.person(e, sso, change.person(), time);
    }

    /** An everyday call of a role's session, with its own choices drawn from {@code seed}. */
    private void roleApiCall(RolePlan role, String sessionArn, long seed) {
        SplittableRandom r = new SplittableRandom(Seeds.mix(seed));
        int permissions = Permissions.of(role.grants());
        ApiCall call = ApiCall.pick(permissions, r);
        boolean denied = !call.allowedBy(permissions) || r.nextDouble() < 0.01;
        ApiCalls.fill(ev, call, role.workload(), sessionArn, denied, r);
    }

    private Sessions.Credentials credentials(long hash, long issued, long seconds) {
        Sessions.Credentials c = Sessions.Credentials.of(hash, issued, seconds);
        if (secrets.size() < maxSecrets) {
            secrets.add(c.sessionToken());
        }
        return c;
    }

    private void place(Consumers.Place place) {
        ev.sourceIp = place.ip();
        ev.userAgent = place.userAgent();
    }
}
