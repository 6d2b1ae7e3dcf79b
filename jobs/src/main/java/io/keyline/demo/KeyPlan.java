package io.keyline.demo;

/**
 * The whole life of one access key, regenerated from its number: creation, final status, how it is
 * used and from where.
 *
 * @param number the key's number in the estate: {@code identity * 2 + slot}, slots ordered by
 *     creation
 * @param created creation time, epoch seconds
 * @param creator the person who created it with {@code CreateAccessKey} in the window, or -1
 * @param changed when it was deactivated or deleted in the window, or -1
 * @param changer the person who deactivated or deleted it, or -1
 * @param rate calls per active day
 * @param consumers the number of places (source address and user agent) it is used from
 * @param priorLastUse its last use before the window (whole minutes), or -1
 * @param priorService the service of that use
 * @param assumeTarget the cross-account role it assumes (an identity), -1 for the partner account's
 *     role, or -2 when it assumes none
 */
record KeyPlan(
        int number,
        String id,
        long created,
        int creator,
        KeyStatus status,
        long changed,
        int changer,
        UsageProfile profile,
        double rate,
        int consumers,
        long priorLastUse,
        Service priorService,
        int assumeTarget) {

    static final int NO_ASSUME = -2;
    static final int PARTNER_ROLE = -1;

    int slot() {
        return number & 1;
    }

    int identity() {
        return number >>> 1;
    }

    boolean createdInWindow(Estate e) {
        return created >= e.start;
    }

    /** The second after which the key makes no calls: its deactivation, deletion or the end. */
    long usableUntil(Estate e) {
        return changed >= 0 ? changed : e.end;
    }

    boolean assumesRole() {
        return assumeTarget != NO_ASSUME;
    }
}
