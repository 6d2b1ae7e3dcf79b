package io.keyline.inventory;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One principal: a row of the {@code identities} table. Times are epoch milliseconds. */
@Internal
public class IdentityRecord {

    public String identityId;
    public String system;
    public String account;
    public String identityType;
    public String name;
    public String privilegeTier;
    public String privilegeReason;
    public String owner;
    public String ownerSource;
    public String ownerStatus;
    public Double ownerConfidence;
    public String formerOwner;

    /** Principals this identity trusts to act as it (federation, assume-role), bounded. */
    @TypeInfo(TypeInfos.StringList.class)
    public List<String> trustedPrincipals = new ArrayList<>();

    /**
     * Resource patterns the identity's grants name, bounded: what it reaches whether or not it has
     * credentials of its own (an AWS role reached through a trust, for the graph job).
     */
    @TypeInfo(TypeInfos.StringList.class)
    public List<String> grantedResources = new ArrayList<>();

    public Long createdAt;
    public String createdBy;
    public Long lastUsedAt;
    public int credentialCount;
    public int activeCredentialCount;
    public int trustCount;
    public Long deletedAt;
    public long updatedAt;

    public IdentityRecord() {}

    public IdentityRecord copy() {
        IdentityRecord c = new IdentityRecord();
        c.identityId = identityId;
        c.system = system;
        c.account = account;
        c.identityType = identityType;
        c.name = name;
        c.privilegeTier = privilegeTier;
        c.privilegeReason = privilegeReason;
        c.owner = owner;
        c.ownerSource = ownerSource;
        c.ownerStatus = ownerStatus;
        c.ownerConfidence = ownerConfidence;
        c.formerOwner = formerOwner;
        c.trustedPrincipals = new ArrayList<>(trustedPrincipals);
        c.grantedResources = new ArrayList<>(grantedResources);
        c.createdAt = createdAt;
        c.createdBy = createdBy;
        c.lastUsedAt = lastUsedAt;
        c.credentialCount = credentialCount;
        c.activeCredentialCount = activeCredentialCount;
        c.trustCount = trustCount;
        c.deletedAt = deletedAt;
        c.updatedAt = updatedAt;
        return c;
    }
}
