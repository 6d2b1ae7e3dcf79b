package io.keyline.demo;

import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The shape of a synthetic estate: its window, its accounts and their ids, which identity is of
 * which kind and lives in which account, and its people. Everything else is regenerated from an
 * identity's index; this class holds only primitive arrays of one entry per identity.
 */
final class Estate {

    static final int IDENTITIES_PER_ACCOUNT = 2000;

    private static final IdentityKind[] KINDS = IdentityKind.values();

    final long seed;
    final int identities;
    final int days;

    /** The window's first second and the second after it, epoch seconds UTC. */
    final long start;

    final long end;
    final int accounts;
    final int people;

    private final int blockSize;
    private final String[] accountIds;
    private final String[] regions;
    private final String[] ssoSuffixes;
    private final byte[] kinds;
    private final int[][] crossAccountRoles;
    private final int users;
    private final String partnerAccount;

    Estate(EstateGenerator.Options options) {
        this.seed = options.seed();
        this.identities = options.identities();
        this.days = options.days();
        this.end = options.end().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        this.start = end - days * TimeFormats.DAY;
        this.accounts =
                Math.max(1, (identities + IDENTITIES_PER_ACCOUNT - 1) / IDENTITIES_PER_ACCOUNT);
        this.people = Math.max(10, identities / 25);
        this.blockSize = (identities + accounts - 1) / accounts;

        accountIds = new String[accounts];
        regions = new String[accounts];
        ssoSuffixes = new String[accounts];
        for (int k = 0; k < accounts; k++) {
            SplittableRandom r = Seeds.rng(seed, Seeds.ACCOUNT, k);
            accountIds[k] = accountId(seed, k);
            regions[k] = k > 0 && r.nextDouble() < 0.2 ? "eu-west-1" : "us-east-1";
            ssoSuffixes[k] = Ids.hex(r, 16);
        }
        partnerAccount = accountId(seed, accounts);

        kinds = new byte[identities];
        int[] crossCounts = new int[accounts];
        int userCount = 0;
        for (int i = 0; i < identities; i++) {
            IdentityKind kind = drawKind(i);
            kinds[i] = (byte) kind.ordinal();
            if (kind == IdentityKind.USER) {
                userCount++;
            } else if (kind == IdentityKind.CROSS_ACCOUNT_ROLE) {
                crossCounts[accountOf(i)]++;
            }
        }
        users = userCount;
        crossAccountRoles = new int[accounts][];
        for (int k = 0; k < accounts; k++) {
            crossAccountRoles[k] = new int[crossCounts[k]];
            crossCounts[k] = 0;
        }
        for (int i = 0; i < identities; i++) {
            if (kinds[i] == IdentityKind.CROSS_ACCOUNT_ROLE.ordinal()) {
                int k = accountOf(i);
                crossAccountRoles[k][crossCounts[k]++] = i;
            }
        }
    }

    /**
     * The twelve-digit id of account {@code k}: an offset from the seed plus {@code k} times a
     * number prime to the range, so distinct accounts never share an id.
     */
    private static String accountId(long seed, int k) {
        long range = 900_000_000_000L;
        long offset = Math.floorMod(Seeds.of(seed, Seeds.ACCOUNT, -1), range);
        return Long.toString(100_000_000_000L + Math.floorMod(offset + k * 829_348_951L, range));
    }

    private IdentityKind drawKind(int identity) {
        int local = identity - firstIdentity(accountOf(identity));
        if (local == 0) {
            return IdentityKind.SSO_ROLE;
        }
        if (identity == EstateGenerator.CREATE_ACCESS_KEY_USER
                || identity == busyUser(accountOf(identity))) {
            return IdentityKind.USER;
        }
        double r = Seeds.rng(seed, Seeds.KIND, identity).nextDouble();
        if (r < 0.60) {
            return IdentityKind.USER;
        } else if (r < 0.82) {
            return IdentityKind.SERVICE_ROLE;
        } else if (r < 0.90) {
            return IdentityKind.CROSS_ACCOUNT_ROLE;
        }
        return IdentityKind.CI_ROLE;
    }

    /**
     * The user of an account whose oldest key is the account's one busy key: its place in the
     * account is drawn from the seed (never the SSO role or the {@code create-access-key} user).
     */
    int busyUser(int account) {
        int size = endIdentity(account) - firstIdentity(account);
        return firstIdentity(account)
                + 2
                + (int) Math.floorMod(Seeds.of(seed, Seeds.BUSY, account), (long) size - 2);
    }

    /**
     * The calls a day of an account's busy key: log-uniform over 100 to 2000 across the accounts,
     * spread evenly (a golden-ratio sequence) so that the estate's volume varies little by seed.
     */
    double busyRate(int account) {
        double start = (Seeds.of(seed, Seeds.BUSY, -1) >>> 11) * 0x1.0p-53;
        double u = (start + account * 0.6180339887498949) % 1.0;
        return 100 * Math.pow(20, u);
    }

    IdentityKind kind(int identity) {
        return KINDS[kinds[identity]];
    }

    int users() {
        return users;
    }

    int roles() {
        return identities - users;
    }

    int groups() {
        return accounts * IamGroup.values().length;
    }

    int accountOf(int identity) {
        return identity / blockSize;
    }

    int firstIdentity(int account) {
        return account * blockSize;
    }

    /** The identity after the account's last one. */
    int endIdentity(int account) {
        return Math.min(identities, (account + 1) * blockSize);
    }

    /** The index of an identity within its account: unique names are built from it. */
    int localIndex(int identity) {
        return identity - firstIdentity(accountOf(identity));
    }

    String accountId(int account) {
        return accountIds[account];
    }

    String region(int account) {
        return regions[account];
    }

    /** The account outside the estate that single-account estates share roles with. */
    String partnerAccount() {
        return partnerAccount;
    }

    /**
     * The platform account of the systems part: apart from the estate's accounts and the partner
     * account.
     */
    String platformAccount() {
        return accountId(seed, accounts + 1);
    }

    /** The account whose root the cross-account roles of {@code account} trust. */
    String trustedAccount(int account) {
        return accounts == 1 ? partnerAccount : accountIds[(account + 1) % accounts];
    }

    /**
     * A cross-account role that keys of {@code account} may assume (in the previous account, which
     * trusts this one), or -1 when there is none in the estate.
     */
    int crossAccountTarget(int account, SplittableRandom r) {
        if (accounts == 1) {
            return -1;
        }
        int[] candidates = crossAccountRoles[(account + accounts - 1) % accounts];
        return candidates.length == 0 ? -1 : candidates[r.nextInt(candidates.length)];
    }

    String ssoRoleName(int account) {
        return "AWSReservedSSO_AdministratorAccess_" + ssoSuffixes[account];
    }

    String ssoSuffix(int account) {
        return ssoSuffixes[account];
    }

    /** The SSO role of an account: always its first identity. */
    int ssoRole(int account) {
        return firstIdentity(account);
    }

    String email(int person) {
        return Names.email(person);
    }

    long dayStart(int day) {
        return start + day * TimeFormats.DAY;
    }

    long windowSeconds() {
        return end - start;
    }

    /** When the account was opened: before anything in it. */
    long accountCreated(int account) {
        return end - 1700 * TimeFormats.DAY + account * 7 * TimeFormats.HOUR;
    }

    /**
     * Whether an account's trail of that day is delivered through EventBridge (JSON lines) rather
     * than to S3: the last account's every day; in a single-account estate, the second half of the
     * window so that both forms exist.
     */
    boolean eventBridge(int account, int day) {
        if (account != accounts - 1) {
            return false;
        }
        return accounts > 1 || day >= (days + 1) / 2;
    }
}
