package io.keyline.demo;

import io.keyline.model.PrivilegeTier;

/**
 * Everything about one IAM user, regenerated from its identity index by {@link UserPlanner}: its
 * name and grants, its owner tag, its keys (ordered by creation) and the changes made to it in the
 * window.
 *
 * @param created creation time, epoch seconds
 * @param creator the person who created it with {@code CreateUser} in the window, or -1
 * @param ownerTag the person named by its {@code owner} tag, or -1
 */
record UserPlan(
        int identity,
        int account,
        String accountId,
        String name,
        String userId,
        long created,
        int creator,
        int ownerTag,
        int grants,
        PrivilegeTier tier,
        boolean breakglass,
        Workload workload,
        KeyPlan[] keys,
        ManagementEvent[] events) {

    String arn() {
        return "arn:aws:iam::" + accountId + ":user/" + name;
    }

    /** What its policies let it call. */
    int permissions() {
        return Permissions.of(grants);
    }

    /** The key of a number, which must be one of this user's. */
    KeyPlan key(int number) {
        return keys[number - identity * 2];
    }

    boolean hasKeysAtEnd() {
        for (KeyPlan k : keys) {
            if (k.status() != KeyStatus.DELETED) {
                return true;
            }
        }
        return false;
    }
}
