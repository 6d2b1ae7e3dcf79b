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
    public Double ownerConfidence;
    public String ownerStatus;

    /** For an orphan: the owner who left, whose manager is now {@code owner}. */
    public String formerOwner;

    /** For an orphan: when the owner left; not a column. */
    public Long ownerDepartedAt;

    /** True when the source states the credential never expires although it could. */
    public boolean neverExpires;

    /** True for a key its provider holds and rotates itself; only exposure rules apply. */
    public boolean providerManaged;

    /** Distinct places the credential was found stored, including those evicted from state. */
    public int locationCount;

    /** When the credential was first found outside a managed store, and where. */
    public Long exposedAt;

    public String exposedLocation;
    public long updatedAt;

    /** Owner evidence about this credential (tags, commit authors); not a column. */
    @TypeInfo(OwnerEvidence.ListFactory.class)
    public List<OwnerEvidence> ownerEvidence = new ArrayList<>();

    /** What the directory says of the logins in that evidence and of the creator. */
    @TypeInfo(PersonFact.ListFactory.class)
    public List<PersonFact> people = new ArrayList<>();

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
        c.ownerConfidence = ownerConfidence;
        c.ownerStatus = ownerStatus;
        c.formerOwner = formerOwner;
        c.ownerDepartedAt = ownerDepartedAt;
        c.neverExpires = neverExpires;
        c.providerManaged = providerManaged;
        c.locationCount = locationCount;
        c.exposedAt = exposedAt;
        c.exposedLocation = exposedLocation;
        c.updatedAt = updatedAt;
        c.ownerEvidence = new ArrayList<>();
        for (OwnerEvidence e : ownerEvidence) {
            c.ownerEvidence.add(new OwnerEvidence(e.login, e.source, e.time));
        }
        c.people = new ArrayList<>(people);
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
