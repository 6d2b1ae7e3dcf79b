package io.keyline.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The one canonical fact type: every input record becomes zero or more identity events.
 *
 * <p>A Flink POJO: public no-argument constructor, getters and setters. It never holds secret
 * material; parsers reduce secrets to natural ids or fingerprints before building an event.
 */
@PublicEvolving
public class IdentityEvent {

    private String eventId;
    private long eventTime;
    private String source;
    private EventKind kind;
    private String credentialId;
    private String credentialType;
    private String identityId;
    private String actor;
    private Consumer consumer;
    private String resource;
    private String action;
    private Location location;

    @TypeInfo(StringMapTypeInfoFactory.class)
    private Map<String, String> attributes = new HashMap<>();

    public IdentityEvent() {}

    /** Starts an event with the fields every event has. */
    public static IdentityEvent of(String eventId, long eventTime, String source, EventKind kind) {
        IdentityEvent event = new IdentityEvent();
        event.eventId = eventId;
        event.eventTime = eventTime;
        event.source = source;
        event.kind = kind;
        return event;
    }

    public IdentityEvent credential(String credentialId, String credentialType) {
        this.credentialId = credentialId;
        this.credentialType = credentialType;
        return this;
    }

    public IdentityEvent identity(String identityId) {
        this.identityId = identityId;
        return this;
    }

    public IdentityEvent actor(String actor) {
        this.actor = actor;
        return this;
    }

    public IdentityEvent consumer(Consumer consumer) {
        this.consumer = consumer;
        return this;
    }

    public IdentityEvent resource(String resource) {
        this.resource = resource;
        return this;
    }

    public IdentityEvent action(String action) {
        this.action = action;
        return this;
    }

    public IdentityEvent location(Location location) {
        this.location = location;
        return this;
    }

    /** Sets an attribute; a null value is not stored. */
    public IdentityEvent attribute(String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
        return this;
    }

    public String attribute(String key) {
        return attributes == null ? null : attributes.get(key);
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    /** When it happened at the source, in epoch milliseconds (UTC). */
    public long getEventTime() {
        return eventTime;
    }

    public void setEventTime(long eventTime) {
        this.eventTime = eventTime;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public EventKind getKind() {
        return kind;
    }

    public void setKind(EventKind kind) {
        this.kind = kind;
    }

    public String getCredentialId() {
        return credentialId;
    }

    public void setCredentialId(String credentialId) {
        this.credentialId = credentialId;
    }

    public String getCredentialType() {
        return credentialType;
    }

    public void setCredentialType(String credentialType) {
        this.credentialType = credentialType;
    }

    public String getIdentityId() {
        return identityId;
    }

    public void setIdentityId(String identityId) {
        this.identityId = identityId;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public void setConsumer(Consumer consumer) {
        this.consumer = consumer;
    }

    public String getResource() {
        return resource;
    }

    public void setResource(String resource) {
        this.resource = resource;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public Location getLocation() {
        return location;
    }

    public void setLocation(Location location) {
        this.location = location;
    }

    public Map<String, String> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IdentityEvent)) {
            return false;
        }
        IdentityEvent that = (IdentityEvent) o;
        return eventTime == that.eventTime
                && Objects.equals(eventId, that.eventId)
                && Objects.equals(source, that.source)
                && kind == that.kind
                && Objects.equals(credentialId, that.credentialId)
                && Objects.equals(credentialType, that.credentialType)
                && Objects.equals(identityId, that.identityId)
                && Objects.equals(actor, that.actor)
                && Objects.equals(consumer, that.consumer)
                && Objects.equals(resource, that.resource)
                && Objects.equals(action, that.action)
                && Objects.equals(location, that.location)
                && Objects.equals(attributes, that.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventTime, kind, credentialId, identityId);
    }

    @Override
    public String toString() {
        return "IdentityEvent{"
                + eventId
                + ", "
                + kind
                + ", t="
                + eventTime
                + ", credential="
                + credentialId
                + ", identity="
                + identityId
                + ", actor="
                + actor
                + ", resource="
                + resource
                + ", action="
                + action
                + ", attributes="
                + attributes
                + '}';
    }
}
