package io.keyline.demo;

import io.keyline.model.PrivilegeTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Regenerates the plan of an IAM user and of its access keys from the user's identity index. */
final class UserPlanner {

    private static final long DAY = TimeFormats.DAY;
    private static final long HOUR = TimeFormats.HOUR;
    private static final Service[] SERVICES = Service.values();

    private UserPlanner() {}

    static UserPlan plan(Estate e, int identity) {
        SplittableRandom r = Seeds.rng(e.seed, Seeds.USER, identity);
        int account = e.accountOf(identity);
        String accountId = e.accountId(account);
        int local = e.localIndex(identity);
        boolean forced = identity == EstateGenerator.CREATE_ACCESS_KEY_USER;
        boolean busy = identity == e.busyUser(account);

        // Name, grants and owner tag.
        boolean breakglass = !forced && !busy && r.nextDouble() < 0.01;
        String team = Names.TEAMS[r.nextInt(Names.TEAMS.length)];
        String app = Names.APPS[r.nextInt(Names.APPS.length)];
        String name =
                breakglass ? Names.breakglassUser(local) : Names.serviceUser(team, app, local);
        int grants =
                breakglass
                        ? Grants.managed(ManagedPolicy.ADMINISTRATOR_ACCESS)
                        : Grants.pick(drawTier(r), r, true);
        int ownerTag = r.nextDouble() < 0.6 ? r.nextInt(e.people) : -1;

        // When the user and its keys were created.
        boolean newUser = !forced && !busy && r.nextDouble() < 0.025;
        int keyCount = forced ? 1 : drawKeyCount(r);
        if (busy) {
            keyCount = Math.max(1, keyCount);
        }
        long window = e.windowSeconds();
        long[] keyTimes = new long[keyCount];
        long created;
        int creator = -1;
        if (newUser) {
            created = e.start + r.nextLong(window - 6 * HOUR);
            creator = r.nextInt(e.people);
            for (int s = 0; s < keyCount; s++) {
                keyTimes[s] = created + 600 + s * 1800 + r.nextInt(3600);
            }
        } else {
            long earliest = e.start;
            for (int s = 0; s < keyCount; s++) {
                boolean inWindow = r.nextDouble() < 0.03 && !busy;
                if ((forced && s == 0) || inWindow) {
                    keyTimes[s] = e.start + r.nextLong(window - 3 * HOUR);
                } else {
                    keyTimes[s] = e.end - 1500 * DAY + r.nextLong(1500 * DAY - window);
                }
                earliest = Math.min(earliest, keyTimes[s]);
            }
            created =
                    keyCount == 0
                            ? e.end - 1600 * DAY + r.nextLong(1600 * DAY - window)
                            : earliest - HOUR - r.nextLong(180 * DAY);
        }
        Arrays.sort(keyTimes);

        KeyPlan[] keys = new KeyPlan[keyCount];
        for (int s = 0; s < keyCount; s++) {
            UsageProfile profile =
                    forced ? UsageProfile.REGULAR : busy && s == 0 ? UsageProfile.BUSY : null;
            keys[s] = key(e, identity * 2 + s, keyTimes[s], creator, profile);
        }
        ManagementEvent[] events = events(e, r, newUser, created, creator, grants, keys);
        return new UserPlan(
                identity,
                account,
                accountId,
                name,
                Ids.iamId(e.seed, "AIDA", identity),
                created,
                creator,
                ownerTag,
                grants,
                Grants.tier(grants),
                breakglass,
                new Workload(accountId, e.region(account), team, app),
                keys,
                events);
    }

    private static PrivilegeTier drawTier(SplittableRandom r) {
        double x = r.nextDouble();
        if (x < 0.08) {
            return PrivilegeTier.ADMIN;
        } else if (x < 0.23) {
            return PrivilegeTier.HIGH;
        } else if (x < 0.68) {
            return PrivilegeTier.WRITE;
        } else if (x < 0.98) {
            return PrivilegeTier.READ;
        }
        return PrivilegeTier.NONE;
    }

    private static int drawKeyCount(SplittableRandom r) {
        double x = r.nextDouble();
        return x < 0.05 ? 0 : x < 0.75 ? 1 : 2;
    }

    /**
     * @param profile the key's usage when it is imposed (the busy key, the created one), else null
     */
    private static KeyPlan key(
            Estate e, int number, long created, int userCreator, UsageProfile profile) {
        SplittableRandom k = Seeds.rng(e.seed, Seeds.KEY, number);
        long window = e.windowSeconds();
        boolean inWindow = created >= e.start;
        int creator = -1;
        if (inWindow) {
            creator = userCreator >= 0 ? userCreator : k.nextInt(e.people);
        }

        // Final status: keys created in the window stay active.
        double s = k.nextDouble();
        long changeAt = e.start + k.nextLong(window - 60);
        int changePerson = k.nextInt(e.people);
        KeyStatus status = KeyStatus.ACTIVE;
        long changed = -1;
        int changer = -1;
        if (!inWindow && s >= 0.85 && profile == null) {
            status = s < 0.95 ? KeyStatus.INACTIVE : KeyStatus.DELETED;
            // A third of the inactive keys are deactivated in the window, the rest before it.
            if (status == KeyStatus.DELETED || s < 0.85 + 0.10 / 3) {
                changed = changeAt;
                changer = changePerson;
            }
        }

        // Usage: a key inactive since before the window has no calls in it.
        if (profile == null) {
            profile = UsageProfile.draw(k);
        }
        if (inWindow && profile == UsageProfile.DORMANT) {
            profile = UsageProfile.OCCASIONAL;
        }
        if (status == KeyStatus.INACTIVE && changed < 0 && profile.callsInWindow()) {
            profile = UsageProfile.DORMANT;
        }
        long priorLastUse = -1;
        if (profile == UsageProfile.DORMANT) {
            priorLastUse = priorUse(e, k, created);
            if (priorLastUse < 0) {
                profile = UsageProfile.NEVER;
            }
        }
        Service priorService = SERVICES[k.nextInt(SERVICES.length)];
        double rate =
                profile == UsageProfile.BUSY
                        ? e.busyRate(e.accountOf(number >>> 1))
                        : profile.drawRate(k);
        int consumers = profile.drawConsumers(k);
        int assumeTarget = KeyPlan.NO_ASSUME;
        if (profile.callsInWindow() && k.nextDouble() < 0.08) {
            int target = e.crossAccountTarget(e.accountOf(number >>> 1), k);
            assumeTarget = target < 0 ? KeyPlan.PARTNER_ROLE : target;
        }
        return new KeyPlan(
                number,
                Ids.accessKeyId(e.seed, number),
                created,
                creator,
                status,
                changed,
                changer,
                profile,
                rate,
                consumers,
                priorLastUse,
                priorService,
                assumeTarget);
    }

    /** A last use 20 to 800 days before the end and before the window, or -1 if none fits. */
    private static long priorUse(Estate e, SplittableRandom k, long created) {
        long upper = Math.min(e.start, e.end - 20 * DAY) - 60;
        long lower = Math.max(created + HOUR, e.end - 800 * DAY);
        if (lower >= upper) {
            lower = created + 60;
            upper = e.start - 60;
        }
        if (lower >= upper) {
            return -1;
        }
        return TimeFormats.truncateToMinute(lower + k.nextLong(upper - lower));
    }

    private static ManagementEvent[] events(
            Estate e,
            SplittableRandom r,
            boolean newUser,
            long created,
            int creator,
            int grants,
            KeyPlan[] keys) {
        List<ManagementEvent> events = new ArrayList<>();
        long window = e.windowSeconds();
        if (newUser) {
            // The person who creates the user grants it everything it has, minutes later.
            events.add(
                    new ManagementEvent(created, ManagementEvent.Action.CREATE_USER, creator, 0));
            long t = created + 20;
            for (int bit = 0; bit < 28; bit++) {
                if (!Grants.has(grants, 1 << bit)) {
                    continue;
                }
                events.add(new ManagementEvent(t, forGrantBit(bit), creator, bit));
                t += 5 + r.nextInt(25);
            }
        } else {
            int direct = grants & 0x3fff;
            if (direct != 0 && r.nextDouble() < 0.02) {
                events.add(
                        new ManagementEvent(
                                e.start + r.nextLong(window - 60),
                                ManagementEvent.Action.ATTACH_USER_POLICY,
                                r.nextInt(e.people),
                                pickBit(direct, r)));
            }
            int groups = grants & 0x0f000000;
            if (groups != 0 && r.nextDouble() < 0.015) {
                events.add(
                        new ManagementEvent(
                                e.start + r.nextLong(window - 60),
                                ManagementEvent.Action.ADD_USER_TO_GROUP,
                                r.nextInt(e.people),
                                pickBit(groups, r)));
            }
            int detachable = ~grants & 0xff;
            if (r.nextDouble() < 0.01 && detachable != 0) {
                events.add(
                        new ManagementEvent(
                                e.start + r.nextLong(window - 60),
                                ManagementEvent.Action.DETACH_USER_POLICY,
                                r.nextInt(e.people),
                                pickBit(detachable, r)));
            }
        }
        for (KeyPlan k : keys) {
            if (k.creator() >= 0) {
                events.add(
                        new ManagementEvent(
                                k.created(),
                                ManagementEvent.Action.CREATE_ACCESS_KEY,
                                k.creator(),
                                k.slot()));
            }
            if (k.changed() >= 0) {
                events.add(
                        new ManagementEvent(
                                k.changed(),
                                k.status() == KeyStatus.DELETED
                                        ? ManagementEvent.Action.DELETE_ACCESS_KEY
                                        : ManagementEvent.Action.UPDATE_ACCESS_KEY,
                                k.changer(),
                                k.slot()));
            }
        }
        events.sort(Comparator.comparingLong(ManagementEvent::time));
        return events.toArray(new ManagementEvent[0]);
    }

    private static ManagementEvent.Action forGrantBit(int bit) {
        if (bit < 16) {
            return ManagementEvent.Action.ATTACH_USER_POLICY;
        }
        return bit < 24
                ? ManagementEvent.Action.PUT_USER_POLICY
                : ManagementEvent.Action.ADD_USER_TO_GROUP;
    }

    /** One of the set bits of a non-zero mask, as a bit index. */
    private static int pickBit(int mask, SplittableRandom r) {
        int chosen = r.nextInt(Integer.bitCount(mask));
        for (int bit = 0; bit < 32; bit++) {
            if (Grants.has(mask, 1 << bit) && chosen-- == 0) {
                return bit;
            }
        }
        throw new IllegalArgumentException("The mask " + mask + " has no bit set.");
    }
}
