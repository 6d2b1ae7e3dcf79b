package io.keyline.demo;

/**
 * What the window's calls leave behind, as primitive arrays indexed by key number or identity: each
 * key's last use, the places it was used from (one bit per consumer) and the service of its last
 * use, and each role's last use. Filled while the days are planned, read by the listings and the
 * ground truth.
 */
final class Usage {

    private static final Service[] SERVICES = Service.values();

    private final long start;

    /** Seconds after the window's start plus one; 0 when the key was not used in the window. */
    private final int[] keyLastUse;

    private final long[] keyConsumers;
    private final byte[] keyLastService;
    private final int[] roleLastUse;

    Usage(Estate e) {
        this.start = e.start;
        this.keyLastUse = new int[e.identities * 2];
        this.keyConsumers = new long[e.identities * 2];
        this.keyLastService = new byte[e.identities * 2];
        this.roleLastUse = new int[e.identities];
    }

    void keyUsed(int number, long time, int consumer, Service service) {
        int at = (int) (time - start) + 1;
        if (at >= keyLastUse[number]) {
            keyLastUse[number] = at;
            keyLastService[number] = (byte) service.ordinal();
        }
        keyConsumers[number] |= 1L << consumer;
    }

    void roleUsed(int identity, long time) {
        roleLastUse[identity] = Math.max(roleLastUse[identity], (int) (time - start) + 1);
    }

    /** The key's last use in the window, epoch seconds, or -1. */
    long keyLastUse(int number) {
        return keyLastUse[number] == 0 ? -1 : start + keyLastUse[number] - 1;
    }

    Service keyLastService(int number) {
        return SERVICES[keyLastService[number]];
    }

    /** The number of distinct places the key was used from in the window. */
    int consumerCount(int number) {
        return Long.bitCount(keyConsumers[number]);
    }

    /** The role's last use in the window, epoch seconds, or -1. */
    long roleLastUse(int identity) {
        return roleLastUse[identity] == 0 ? -1 : start + roleLastUse[identity] - 1;
    }
}
