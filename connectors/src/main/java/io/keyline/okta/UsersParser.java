package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Actors;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.Internal;

/**
 * The user listing of an Okta org ({@code GET /api/v1/users}), as Okta's view of the HR directory:
 * every user who is a person is a {@code PERSON} at the time of the file, active or departed by its
 * Okta status, with its manager, department and other logins from the profile.
 *
 * <p>A service user (by login, {@link OktaServiceUsers}, or a {@code profile.userType} of {@code
 * service}) is an identity instead, never a person who could own something: {@code OBSERVED} {@code
 * okta:user:<login>}, and an {@code OWNER_HINT} from its profile's {@code owner}, {@code
 * ownerEmail}, {@code managerEmail} or {@code manager} (an address), the first that is set: the
 * manager of a service user is whoever answers for it.
 */
@Internal
public final class UsersParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "okta-users";

    private static final String USER = "a user of the Okta user listing";

    /** The longest name or department kept, in characters; longer ones are cut. */
    private static final int MAX_TEXT = 256;

    /** Okta's user statuses: departed for deprovisioned and suspended users, else active. */
    private static final Map<String, String> STATUSES =
            Map.of(
                    "ACTIVE", "active",
                    "PROVISIONED", "active",
                    "STAGED", "active",
                    "RECOVERY", "active",
                    "PASSWORD_EXPIRED", "active",
                    "LOCKED_OUT", "active",
                    "DEPROVISIONED", "departed",
                    "SUSPENDED", "departed");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        List<JsonNode> users = OktaListings.entries(record, out, "an Okta user");
        if (users == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        for (JsonNode user : users) {
            try {
                user(user, record.getOrigin(), events);
            } catch (MalformedRecordException e) {
                events.reject(e.getMessage(), user);
            }
        }
    }

    private static void user(JsonNode user, String origin, ListingEvents events)
            throws MalformedRecordException {
        if (!user.isObject()) {
            throw new MalformedRecordException(USER + " is not a JSON object");
        }
        JsonNode profile = OktaFields.get(user, "profile");
        if (profile == null || !profile.isObject()) {
            throw new MalformedRecordException(USER + " has no profile object");
        }
        String id = OktaFields.text(user, "id");
        String login = OktaFields.lower(OktaFields.text(profile, "login"));
        String email = OktaFields.lower(OktaFields.text(profile, "email"));
        String address = email != null ? email : login;
        if (address == null) {
            throw new MalformedRecordException(USER + " has neither an email nor a login");
        }
        String personId = OktaFields.text(profile, "employeeNumber");
        if (personId == null) {
            personId = id;
        }
        if (personId == null) {
            throw new MalformedRecordException(USER + " has neither an id nor an employeeNumber");
        }
        String status = status(OktaFields.text(user, "status"));
        String changed = OktaListings.time(user, "statusChanged", USER);
        String created = OktaListings.time(user, "created", USER);

        // A person is a PERSON of the directory; a service user is a machine identity instead,
        // owned by whoever its profile names, and never itself an owner.
        String serviceLogin = login != null ? login : address;
        if (!OktaServiceUsers.isServiceUser(serviceLogin)
                && !OktaServiceUsers.isServiceUserType(OktaFields.text(profile, "userType"))) {
            events.emit(
                    events.next(EventKind.PERSON, "user", id != null ? id : address)
                            .actor(address)
                            .attribute(Attributes.PERSON_ID, personId)
                            .attribute(Attributes.EMAIL, address)
                            .attribute(Attributes.NAME, Json.clip(name(profile), MAX_TEXT))
                            .attribute(Attributes.PERSON_STATUS, status)
                            .attribute(Attributes.MANAGER_EMAIL, managerEmail(profile))
                            .attribute(
                                    Attributes.DEPARTMENT,
                                    Json.clip(OktaFields.text(profile, "department"), MAX_TEXT))
                            .attribute(
                                    Attributes.END_DATE, status.equals("departed") ? changed : null)
                            .attribute(Attributes.ALIASES, aliases(login, address, profile)));
            return;
        }
        String identity = CanonicalIds.oktaUser(serviceLogin);
        String org =
                OktaOrgs.of(
                        origin,
                        SOURCE,
                        OktaFields.text(user, "org"),
                        OktaFields.text(user, "_links", "self", "href"));
        events.emit(
                events.next(EventKind.OBSERVED, identity)
                        .identity(identity)
                        .attribute(Attributes.IDENTITY_TYPE, "service-user")
                        .attribute(Attributes.NAME, serviceLogin)
                        .attribute(Attributes.CREATED_AT, created)
                        .attribute(Attributes.ACCOUNT, org));
        String owner = owner(profile);
        if (owner != null) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, identity, owner)
                            .identity(identity)
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG)
                            .attribute(Attributes.ACCOUNT, org));
        }
    }

    private static String status(String status) throws MalformedRecordException {
        if (status == null) {
            throw new MalformedRecordException(USER + " has no status");
        }
        String mapped = STATUSES.get(status.toUpperCase(Locale.ROOT));
        if (mapped == null) {
            throw new MalformedRecordException("the status of " + USER + " is not an Okta status");
        }
        return mapped;
    }

    private static String name(JsonNode profile) {
        String display = OktaFields.text(profile, "displayName");
        if (display != null) {
            return display;
        }
        String first = OktaFields.text(profile, "firstName");
        String last = OktaFields.text(profile, "lastName");
        String joined = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return joined.isEmpty() ? null : joined;
    }

    /** The manager's address: {@code managerEmail}, or {@code manager} when it is an address. */
    private static String managerEmail(JsonNode profile) {
        String email = address(OktaFields.text(profile, "managerEmail"));
        return email != null ? email : address(OktaFields.text(profile, "manager"));
    }

    /** Other logins of the person: the login when it is not the address, and a second e-mail. */
    private static String aliases(String login, String address, JsonNode profile) {
        Set<String> aliases = new LinkedHashSet<>();
        if (login != null && !login.equals(address)) {
            aliases.add(login);
        }
        String second = OktaFields.lower(OktaFields.text(profile, "secondEmail"));
        if (second != null && !second.equals(address)) {
            aliases.add(second);
        }
        return aliases.isEmpty() ? null : String.join(";", aliases);
    }

    /** The owner a service user's profile names: an owner field, else its manager's address. */
    private static String owner(JsonNode profile) {
        String owner = OktaFields.lower(OktaFields.text(profile, "owner"));
        if (owner == null) {
            owner = OktaFields.lower(OktaFields.text(profile, "ownerEmail"));
        }
        return owner != null ? owner : managerEmail(profile);
    }

    private static String address(String text) {
        return Actors.isPerson(text) ? text.toLowerCase(Locale.ROOT) : null;
    }
}
