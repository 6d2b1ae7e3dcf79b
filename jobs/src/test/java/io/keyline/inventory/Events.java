package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.time.Duration;
import java.time.Instant;

/** Small builders of identity events for the keyed-stage tests. */
final class Events {

    static final String KEY = "aws:access-key:AKIAAAAAAAAAAAAAAAAA";
    static final String USER = "arn:aws:iam::111122223333:user/svc-billing";
    static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    private static int sequence;

    private Events() {}

    static long day(int n) {
        return T0 + Duration.ofDays(n).toMillis();
    }

    static IdentityEvent created(long t, String actor) {
        return IdentityEvent.of("e" + sequence++, t, "cloudtrail", EventKind.CREATED)
                .credential(KEY, CredentialTypes.AWS_ACCESS_KEY)
                .identity(USER)
                .actor(actor)
                .attribute(Attributes.STATUS, Attributes.ACTIVE)
                .attribute(Attributes.ACCOUNT, "111122223333");
    }

    static IdentityEvent used(long t, String ip) {
        return IdentityEvent.of("e" + sequence++, t, "cloudtrail", EventKind.USED)
                .credential(KEY, CredentialTypes.AWS_ACCESS_KEY)
                .identity(USER)
                .consumer(new Consumer(ip, "aws-cli/2.15", null))
                .action("s3:GetObject")
                .resource("arn:aws:s3:::billing-exports");
    }

    static IdentityEvent deleted(long t) {
        return IdentityEvent.of("e" + sequence++, t, "cloudtrail", EventKind.DELETED)
                .credential(KEY, CredentialTypes.AWS_ACCESS_KEY)
                .identity(USER)
                .actor("alice@example.com");
    }

    static IdentityEvent granted(long t, String policy, String tier) {
        return IdentityEvent.of("e" + sequence++, t, "aws-authorization-details", EventKind.GRANTED)
                .identity(USER)
                .resource(policy)
                .attribute(Attributes.PRIVILEGE, tier);
    }

    static IdentityEvent ownerTag(long t, String owner) {
        return IdentityEvent.of(
                        "e" + sequence++, t, "aws-authorization-details", EventKind.OWNER_HINT)
                .identity(USER)
                .actor(owner)
                .attribute(Attributes.OWNER_SOURCE, "tag");
    }

    static CredentialRecord credential(Long createdAt, Long lastUsedAt, String status) {
        CredentialRecord c = new CredentialRecord();
        c.credentialId = KEY;
        c.credentialType = CredentialTypes.AWS_ACCESS_KEY;
        c.identityId = USER;
        c.system = "aws";
        c.status = status;
        c.createdAt = createdAt;
        c.lastUsedAt = lastUsedAt;
        c.updatedAt = lastUsedAt == null ? createdAt : lastUsedAt;
        return c;
    }
}
