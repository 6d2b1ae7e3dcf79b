package io.keyline.inventory;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/** What the identity stage keeps per identity, besides its grants and credentials. */
@Internal
public class IdentityState {

    public IdentityRecord record = new IdentityRecord();

    /** True when {@code record.createdAt} comes from a creation event rather than a listing. */
    public boolean creationSeen;

    /** Event time of the latest full listing of this identity; older grants no longer count. */
    public long snapshotAt = Long.MIN_VALUE;

    /** Event time of the credential report whose key slots are held; older ones are dropped. */
    public long slotsAt = Long.MIN_VALUE;

    /** Owner evidence about the identity (tags, team): the latest of each source. */
    @TypeInfo(OwnerEvidence.ListFactory.class)
    public List<OwnerEvidence> evidence = new ArrayList<>();

    /** What the directory says of the logins in that evidence and of the creator. */
    @TypeInfo(PersonFact.ListFactory.class)
    public List<PersonFact> people = new ArrayList<>();

    /** Principals this identity trusts to act as it (bounded). */
    @TypeInfo(TypeInfos.StringList.class)
    public List<String> trusts = new ArrayList<>();

    /** The next event time a rule timer is registered for, or null. */
    public Long nextRuleTimer;

    public boolean dirty;

    public IdentityState() {}
}
