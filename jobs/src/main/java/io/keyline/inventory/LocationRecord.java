package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * One place a credential is stored: a row of {@code credential_locations}, and what the credential
 * stage keeps of it. Times are epoch milliseconds.
 */
@Internal
public class LocationRecord {

    public String credentialId;
    public String locationId;
    public String store;
    public String path;
    public boolean managed;
    public String source;
    public String repository;
    public String commit;
    public String line;
    public String detector;
    public String secretKey;
    public long firstSeenAt;
    public long lastSeenAt;
    public long sightings;
    public long updatedAt;

    /** True when it changed since it was last written; not a column. */
    public boolean dirty;

    public LocationRecord() {}

    public LocationRecord copy() {
        LocationRecord c = new LocationRecord();
        c.credentialId = credentialId;
        c.locationId = locationId;
        c.store = store;
        c.path = path;
        c.managed = managed;
        c.source = source;
        c.repository = repository;
        c.commit = commit;
        c.line = line;
        c.detector = detector;
        c.secretKey = secretKey;
        c.firstSeenAt = firstSeenAt;
        c.lastSeenAt = lastSeenAt;
        c.sightings = sightings;
        c.updatedAt = updatedAt;
        return c;
    }
}
