package io.keyline.demo;

import io.keyline.model.CanonicalIds;
import io.keyline.model.PrivilegeTier;

/**
 * What Keyline should conclude about one access key at the end of the window, from the key's plan
 * and the calls recorded in {@link Usage}: the ground truth of one credential.
 *
 * @param createdBy the e-mail of who created it in the window, or null
 * @param owner the owner's e-mail, or null
 * @param ownerSource {@code tag}, {@code creator}, or null
 * @param lastUsed the last call in the window, else the credential report's last use, else -1
 * @param consumers distinct source address and user agent pairs in the window
 */
record KeyFacts(
        String credentialId,
        String identityId,
        KeyStatus status,
        long created,
        String createdBy,
        String owner,
        String ownerSource,
        PrivilegeTier tier,
        long lastUsed,
        int consumers) {

    static KeyFacts of(Estate e, UserPlan user, KeyPlan key, Usage usage) {
        String createdBy = key.creator() >= 0 ? e.email(key.creator()) : null;
        String owner = null;
        String ownerSource = null;
        if (user.ownerTag() >= 0) {
            owner = e.email(user.ownerTag());
            ownerSource = "tag";
        } else if (createdBy != null) {
            owner = createdBy;
            ownerSource = "creator";
        } else if (user.creator() >= 0) {
            owner = e.email(user.creator());
            ownerSource = "creator";
        }
        return new KeyFacts(
                CanonicalIds.awsAccessKey(key.id()),
                CanonicalIds.awsUser(user.accountId(), user.name()),
                key.status(),
                key.created(),
                createdBy,
                owner,
                ownerSource,
                user.tier(),
                lastUsed(key, usage),
                usage.consumerCount(key.number()));
    }

    /**
     * The last use Keyline can know of: a deleted key is absent from the credential report, so only
     * its calls in the window count.
     */
    private static long lastUsed(KeyPlan key, Usage usage) {
        long inWindow = usage.keyLastUse(key.number());
        if (inWindow >= 0 || key.status() == KeyStatus.DELETED) {
            return inWindow;
        }
        return key.priorLastUse();
    }

    boolean privileged() {
        return tier.isPrivileged();
    }
}
