package io.keyline.demo;

import java.util.SplittableRandom;

/**
 * Plans one day of the window: walks every identity, regenerates its plan, and puts the day's
 * events into each account's {@link DayBuffer}, recording each key's and role's use in {@link
 * Usage} as it goes.
 */
final class DayPlanner {

    private static final long DAY = TimeFormats.DAY;

    private final Estate e;
    private final Usage usage;

    DayPlanner(Estate e, Usage usage) {
        this.e = e;
        this.usage = usage;
    }

    /** The events of {@code day}, one buffer per account. */
    DayBuffer[] plan(int day) {
        DayBuffer[] buffers = new DayBuffer[e.accounts];
        for (int k = 0; k < e.accounts; k++) {
            buffers[k] = new DayBuffer(e.start);
        }
        long from = e.dayStart(day);
        long to = from + DAY;
        for (int i = 0; i < e.identities; i++) {
            if (e.kind(i) == IdentityKind.USER) {
                planUser(UserPlanner.plan(e, i), day, from, to, buffers);
            } else {
                planRole(RolePlanner.plan(e, i), day, from, to, buffers);
            }
        }
        for (int k = 0; k < e.accounts; k++) {
            planPeople(k, day, from, buffers[k]);
        }
        return buffers;
    }

    private void planUser(UserPlan user, int day, long from, long to, DayBuffer[] buffers) {
        DayBuffer buffer = buffers[user.account()];
        planChanges(user.identity(), user.account(), user.events(), from, to, buffer);
        for (KeyPlan key : user.keys()) {
            if (!key.profile().callsInWindow()) {
                continue;
            }
            long lo = Math.max(from, key.created() + 60);
            long hi = Math.min(to, key.usableUntil(e));
            if (lo >= hi) {
                continue;
            }
            SplittableRandom r = Seeds.rng(e.seed, Seeds.KEY_DAY, key.number(), day);
            int calls = key.profile().callsOn(r, key.rate(), (hi - lo) / (double) DAY);
            for (int j = 0; j < calls; j++) {
                long time = lo + r.nextLong(hi - lo);
                long seed = r.nextLong();
                KeyCall call = KeyCall.choose(user, key, seed);
                buffer.add(time, EventType.KEY_CALL, key.number(), 0, seed);
                usage.keyUsed(key.number(), time, call.consumer(), call.call().service());
                if (call.opensCrossAccountSession(key)) {
                    planSessionCalls(key, time, seed, to, buffers);
                }
            }
        }
    }

    /** The calls made with the session a key opened by assuming a cross-account role. */
    private void planSessionCalls(
            KeyPlan key, long assumedAt, long seed, long to, DayBuffer[] buffers) {
        int role = key.assumeTarget();
        DayBuffer buffer = buffers[e.accountOf(role)];
        usage.roleUsed(role, assumedAt);
        SplittableRandom r = new SplittableRandom(seed ^ Seeds.SESSION_KEY);
        int calls = 1 + r.nextInt(3);
        for (int c = 0; c < calls; c++) {
            long time = assumedAt + 5 + 40L * c + r.nextInt(30);
            if (time >= to) {
                break;
            }
            buffer.add(
                    time,
                    EventType.CROSS_ACCOUNT_CALL,
                    key.number(),
                    (int) (assumedAt - e.start),
                    seed);
            usage.roleUsed(role, time);
        }
    }

    private void planRole(RolePlan role, int day, long from, long to, DayBuffer[] buffers) {
        DayBuffer buffer = buffers[role.account()];
        planChanges(role.identity(), role.account(), role.events(), from, to, buffer);
        if (!role.active()) {
            return;
        }
        long lo = Math.max(from, role.created() + 600);
        if (lo >= to) {
            return;
        }
        SplittableRandom r = Seeds.rng(e.seed, Seeds.ROLE_DAY, role.identity(), day);
        if (role.kind() == IdentityKind.SERVICE_ROLE) {
            int calls = Seeds.roundRandomly(r, r.nextInt(11) * (to - lo) / (double) DAY);
            for (int j = 0; j < calls; j++) {
                long time = lo + r.nextLong(to - lo);
                buffer.add(time, EventType.ROLE_CALL, role.identity(), 0, r.nextLong());
                usage.roleUsed(role.identity(), time);
            }
        } else if (role.kind() == IdentityKind.CI_ROLE && r.nextDouble() < 0.85 && lo < to - 1800) {
            // One workflow run: the token exchange, then a few calls with the session.
            long run = lo + r.nextLong(to - 1800 - lo);
            long runSeed = r.nextLong();
            buffer.add(run, EventType.WEB_IDENTITY, role.identity(), 0, runSeed);
            usage.roleUsed(role.identity(), run);
            int calls = 1 + r.nextInt(4);
            for (int c = 0; c < calls; c++) {
                long time = run + 30 + 60L * c + r.nextInt(45);
                buffer.add(
                        time, EventType.CI_CALL, role.identity(), (int) (run - e.start), runSeed);
                usage.roleUsed(role.identity(), time);
            }
        }
    }

    /** A few reads people make in an account through its SSO role. */
    private void planPeople(int account, int day, long from, DayBuffer buffer) {
        SplittableRandom r = Seeds.rng(e.seed, Seeds.PEOPLE_DAY, account, day);
        int calls = 1 + r.nextInt(8);
        for (int j = 0; j < calls; j++) {
            long time = from + r.nextLong(DAY);
            buffer.add(time, EventType.PERSON_CALL, r.nextInt(e.people), account, r.nextLong());
            usage.roleUsed(e.ssoRole(account), time);
        }
    }

    private void planChanges(
            int identity,
            int account,
            ManagementEvent[] events,
            long from,
            long to,
            DayBuffer buffer) {
        for (int j = 0; j < events.length; j++) {
            long time = events[j].time();
            if (time >= from && time < to) {
                buffer.add(time, EventType.MANAGEMENT, identity, j, 0);
                usage.roleUsed(e.ssoRole(account), time);
            }
        }
    }
}
