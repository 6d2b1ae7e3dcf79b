package io.keyline.inventory;

import io.keyline.format.EventIds;
import io.keyline.model.Attributes;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import io.keyline.model.Stores;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;

/**
 * The places one credential is stored, in the credential stage's state: one {@link LocationRecord}
 * per store and path, with first and last sighting, and on the credential's record the number of
 * places and its first exposure outside a managed store.
 */
@Internal
final class StorageLocations {

    /**
     * The most places kept in state per credential; the least recently seen is dropped from state
     * (its row stays in the table). A secret copied to more places is still counted, but a new
     * sighting of a dropped place counts it again.
     */
    static final int MAX_LOCATIONS = 256;

    private final MapState<String, LocationRecord> locations;

    StorageLocations(MapState<String, LocationRecord> locations) {
        this.locations = locations;
    }

    /** Records a {@code STORED_AT} event on the credential's record. */
    void record(CredentialRecord r, IdentityEvent event) throws Exception {
        Location where = event.getLocation();
        if (where == null || where.getStore() == null) {
            return;
        }
        long t = event.getEventTime();
        String id = EventIds.sha256Hex(where.getStore() + "|" + where.getPath()).substring(0, 16);
        LocationRecord location = locations.get(id);
        if (location == null) {
            location = new LocationRecord();
            location.credentialId = r.credentialId;
            location.locationId = id;
            location.store = where.getStore();
            location.path = where.getPath();
            location.managed = Stores.isManaged(where.getStore());
            location.source = event.getSource();
            location.firstSeenAt = t;
            location.lastSeenAt = t;
            r.locationCount++;
            evictOldestIfFull();
        }
        // The details of the earliest sighting win (the commit that first exposed a secret); of
        // two at the same time, the source first in alphabetical order. Another sighting only
        // fills in what the best one lacks, so the row does not depend on the order of arrival.
        boolean best =
                location.sightings == 0
                        || t < location.firstSeenAt
                        || t == location.firstSeenAt
                                && event.getSource() != null
                                && (location.source == null
                                        || event.getSource().compareTo(location.source) < 0);
        if (best) {
            location.source = event.getSource();
        }
        location.repository =
                pick(best, event.attribute(Attributes.REPOSITORY), location.repository);
        location.commit = pick(best, event.attribute(Attributes.COMMIT), location.commit);
        location.line = pick(best, event.attribute(Attributes.LINE), location.line);
        location.detector = pick(best, event.attribute(Attributes.DETECTOR), location.detector);
        location.secretKey = pick(best, event.attribute(Attributes.SECRET_KEY), location.secretKey);
        location.firstSeenAt = Math.min(location.firstSeenAt, t);
        location.lastSeenAt = Math.max(location.lastSeenAt, t);
        location.updatedAt = location.lastSeenAt;
        location.sightings++;
        location.dirty = true;
        locations.put(id, location);
        if (!location.managed && (r.exposedAt == null || location.firstSeenAt < r.exposedAt)) {
            r.exposedAt = location.firstSeenAt;
            r.exposedLocation = location.store + ":" + location.path;
        }
    }

    /** Hands every place that changed since the last flush to {@code out}. */
    void flush(Consumer<LocationRecord> out) throws Exception {
        for (Map.Entry<String, LocationRecord> entry : locations.entries()) {
            LocationRecord location = entry.getValue();
            if (location.dirty) {
                out.accept(location.copy());
                location.dirty = false;
                entry.setValue(location);
            }
        }
    }

    void clear() {
        locations.clear();
    }

    private void evictOldestIfFull() throws Exception {
        int size = 0;
        String oldest = null;
        long oldestSeen = Long.MAX_VALUE;
        for (Map.Entry<String, LocationRecord> entry : locations.entries()) {
            size++;
            if (entry.getValue().lastSeenAt < oldestSeen) {
                oldestSeen = entry.getValue().lastSeenAt;
                oldest = entry.getKey();
            }
        }
        if (size >= MAX_LOCATIONS && oldest != null) {
            locations.remove(oldest);
        }
    }

    /** The sighting's value when it is the best so far and has one, else the kept one if any. */
    private static String pick(boolean best, String sighted, String kept) {
        if (best) {
            return sighted != null ? sighted : kept;
        }
        return kept != null ? kept : sighted;
    }
}
