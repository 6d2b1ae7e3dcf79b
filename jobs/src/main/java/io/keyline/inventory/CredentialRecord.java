package io.keyline.inventory;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The current state and lineage summary of one credential: a row of the {@code credentials} table.
 *
 * <p>The credential stage fills what it knows from the credential's own events and sends it on; the
 * identity stage adds the privilege tier and the owner, which belong to the identity, and writes
 * it. Times are epoch milliseconds, null when unknown.
 */
@Internal
public class CredentialRecord {

    public String credentialId;
    public String credentialType;
    public String identityId;
    public String system;
    public String account;
    public String status;

    /** Event time of the evidence behind {@code status}; not a column. */
    public Long statusAt;

    public Long createdAt;
    public String createdBy;
    public Long firstSeenAt;
    public Long lastUsedAt;
    public String lastUsedAction;
    public String lastUsedSourceIp;
    public int consumerCount;
    public Long deletedAt;
    public Long expiresAt;
    public String privilegeTier;
    public String owner;
    public String ownerSource;
    public long updatedAt;

    /** The resources this credential was seen touching, most recent first, bounded. */
    @TypeInfo(ObservedResource.ListFactory.class)
    public List<ObservedResource> observedResources = new ArrayList<>();

    public CredentialRecord() {}

    public boolean isActive() {
        return "Active".equals(status);
    }

    public CredentialRecord copy() {
        CredentialRecord c = new CredentialRecord();
        c.credentialId = credentialId;
        c.credentialType = credentialType;
        c.identityId = identityId;
        c.system = system;
        c.account = account;
        c.status = status;
        c.statusAt = statusAt;
        c.createdAt = createdAt;
        c.createdBy = createdBy;
        c.firstSeenAt = firstSeenAt;
        c.lastUsedAt = lastUsedAt;
        c.lastUsedAction = lastUsedAction;
        c.lastUsedSourceIp = lastUsedSourceIp;
        c.consumerCount = consumerCount;
        c.deletedAt = deletedAt;
        c.expiresAt = expiresAt;
        c.privilegeTier = privilegeTier;
        c.owner = owner;
        c.ownerSource = ownerSource;
        c.updatedAt = updatedAt;
        c.observedResources = new ArrayList<>(observedResources);
        return c;
    }

    @Override
    public String toString() {
        return "CredentialRecord{"
                + credentialId
                + ", identity="
                + identityId
                + ", status="
                + status
                + ", createdAt="
                + createdAt
                + ", createdBy="
                + createdBy
                + ", lastUsedAt="
                + lastUsedAt
                + ", tier="
                + privilegeTier
                + ", owner="
                + owner
                + '}';
    }
}
