package io.keyline.sink;

import io.keyline.inventory.AlertRecord;
import io.keyline.inventory.ConsumerRecord;
import io.keyline.inventory.CredentialRecord;
import io.keyline.inventory.DeadLetter;
import io.keyline.inventory.IdentityRecord;
import io.keyline.inventory.LocationRecord;
import io.keyline.inventory.ReachRecord;
import io.keyline.inventory.UsageRecord;
import io.keyline.model.Consumer;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.types.RowKind;

/** Turns the job's records into Flink rows in the column order of {@link KeylineTables}. */
@Internal
public final class TableRows {

    private TableRows() {}

    public static RowData event(IdentityEvent e) {
        Map<StringData, StringData> attributes = new HashMap<>();
        if (e.getAttributes() != null) {
            e.getAttributes().forEach((k, v) -> attributes.put(str(k), str(v)));
        }
        return GenericRowData.of(
                str(e.getEventId()),
                TimestampData.fromEpochMillis(e.getEventTime()),
                str(e.getSource()),
                str(e.getKind() == null ? null : e.getKind().name()),
                str(e.getCredentialId()),
                str(e.getCredentialType()),
                str(e.getIdentityId()),
                str(e.getActor()),
                str(e.getConsumer() == null ? null : e.getConsumer().getSourceIp()),
                str(e.getConsumer() == null ? null : e.getConsumer().getUserAgent()),
                str(e.getConsumer() == null ? null : e.getConsumer().getWorkload()),
                str(e.getResource()),
                str(e.getAction()),
                str(e.getLocation() == null ? null : e.getLocation().getStore()),
                str(e.getLocation() == null ? null : e.getLocation().getPath()),
                new GenericMapData(attributes));
    }

    /** An {@code events} row read back as the event it was written from. */
    public static IdentityEvent toEvent(RowData row) {
        IdentityEvent e =
                IdentityEvent.of(
                        text(row, 0),
                        row.getTimestamp(1, 6).getMillisecond(),
                        text(row, 2),
                        row.isNullAt(3) ? null : EventKind.valueOf(text(row, 3)));
        e.credential(text(row, 4), text(row, 5))
                .identity(text(row, 6))
                .actor(text(row, 7))
                .resource(text(row, 11))
                .action(text(row, 12));
        if (!row.isNullAt(8) || !row.isNullAt(9) || !row.isNullAt(10)) {
            e.consumer(new Consumer(text(row, 8), text(row, 9), text(row, 10)));
        }
        if (!row.isNullAt(13) || !row.isNullAt(14)) {
            e.location(new Location(text(row, 13), text(row, 14)));
        }
        if (!row.isNullAt(15)) {
            MapData attributes = row.getMap(15);
            ArrayData keys = attributes.keyArray();
            ArrayData values = attributes.valueArray();
            for (int i = 0; i < attributes.size(); i++) {
                e.attribute(
                        keys.getString(i).toString(),
                        values.isNullAt(i) ? null : values.getString(i).toString());
            }
        }
        return e;
    }

    private static String text(RowData row, int position) {
        return row.isNullAt(position) ? null : row.getString(position).toString();
    }

    public static RowData credential(CredentialRecord c) {
        return GenericRowData.of(
                str(c.credentialId),
                str(c.credentialType),
                str(c.identityId),
                str(c.system),
                str(c.account),
                str(c.status),
                time(c.createdAt),
                str(c.createdBy),
                time(c.firstSeenAt),
                time(c.lastUsedAt),
                str(c.lastUsedAction),
                str(c.lastUsedSourceIp),
                c.consumerCount,
                c.observedResources == null ? 0 : c.observedResources.size(),
                str(c.privilegeTier),
                str(c.owner),
                str(c.ownerSource),
                time(c.deletedAt),
                time(c.expiresAt),
                time(c.updatedAt),
                c.ownerConfidence,
                str(c.ownerStatus),
                str(c.formerOwner),
                c.neverExpires,
                c.locationCount,
                time(c.exposedAt),
                str(c.exposedLocation),
                c.providerManaged);
    }

    public static RowData location(LocationRecord l) {
        return GenericRowData.of(
                str(l.credentialId),
                str(l.locationId),
                str(l.store),
                str(l.path),
                l.managed,
                str(l.source),
                str(l.repository),
                str(l.commit),
                str(l.line),
                str(l.detector),
                str(l.secretKey),
                time(l.firstSeenAt),
                time(l.lastSeenAt),
                l.sightings,
                time(l.updatedAt));
    }

    public static RowData identity(IdentityRecord i) {
        return GenericRowData.of(
                str(i.identityId),
                str(i.system),
                str(i.account),
                str(i.identityType),
                str(i.name),
                str(i.privilegeTier),
                str(i.privilegeReason),
                str(i.owner),
                str(i.ownerSource),
                str(i.ownerStatus),
                time(i.createdAt),
                str(i.createdBy),
                time(i.lastUsedAt),
                i.credentialCount,
                i.activeCredentialCount,
                i.trustCount,
                time(i.deletedAt),
                time(i.updatedAt),
                i.ownerConfidence,
                str(i.formerOwner),
                strings(i.trustedPrincipals),
                strings(i.grantedResources));
    }

    public static RowData consumer(ConsumerRecord c) {
        return GenericRowData.of(
                str(c.credentialId),
                str(c.consumerId),
                str(c.sourceIp),
                str(c.userAgent),
                str(c.workload),
                time(c.firstSeenAt),
                time(c.lastSeenAt),
                c.calls,
                time(c.updatedAt));
    }

    public static RowData reach(ReachRecord r) {
        GenericRowData row =
                GenericRowData.of(
                        str(r.credentialId),
                        str(r.resource),
                        str(r.access),
                        str(r.grantedBy),
                        str(r.lastAction),
                        time(r.firstSeenAt),
                        time(r.lastSeenAt),
                        time(r.updatedAt));
        if (r.deleted) {
            row.setRowKind(RowKind.DELETE);
        }
        return row;
    }

    public static RowData usage(UsageRecord u) {
        return GenericRowData.of(
                str(u.credentialId),
                str(u.identityId),
                u.day,
                u.calls,
                u.distinctConsumers,
                u.distinctResources,
                u.errors);
    }

    public static RowData alert(AlertRecord a) {
        return GenericRowData.of(
                str(a.alertId),
                str(a.rule),
                str(a.severity),
                str(a.credentialId),
                str(a.identityId),
                str(a.system),
                str(a.account),
                str(a.privilegeTier),
                str(a.owner),
                time(a.eventTime),
                time(a.detectedAt),
                str(a.details));
    }

    public static RowData deadLetter(DeadLetter d) {
        return GenericRowData.of(
                str(d.source),
                str(d.origin),
                d.recordIndex,
                str(d.reason),
                str(d.payloadSha256),
                d.payloadBytes,
                str(d.excerpt),
                time(d.receivedAt));
    }

    private static GenericArrayData strings(List<String> values) {
        if (values == null) {
            return null;
        }
        StringData[] data = new StringData[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = str(values.get(i));
        }
        return new GenericArrayData(data);
    }

    private static StringData str(String value) {
        return value == null ? null : StringData.fromString(value);
    }

    private static TimestampData time(Long epochMillis) {
        return epochMillis == null ? null : TimestampData.fromEpochMillis(epochMillis);
    }
}
