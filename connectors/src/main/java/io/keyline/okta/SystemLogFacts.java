package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import java.util.Locale;

/**
 * The facts an Okta System Log event states about credentials and identities, by event type. Event
 * types not named here state none.
 *
 * <ul>
 *   <li>Any event whose {@code transaction.detail.requestApiTokenId} names an API token: a {@code
 *       USED} of that token, by the user the token acts for (the actor).
 *   <li>{@code system.api_token.create}, {@code .revoke}, {@code .update}, {@code .enable}, {@code
 *       .disable}: the token's creation, deletion and status.
 *   <li>{@code app.oauth2.token.grant.*} and {@code app.oauth2.as.token.grant.*} with the grant
 *       type {@code client_credentials}: a {@code USED} of the service app, and a {@code GRANTED}
 *       of each Okta API scope it was granted.
 *   <li>{@code user.account.privilege.grant}/{@code .revoke} and {@code group.privilege.grant}/
 *       {@code .revoke}: the admin roles given to or taken from a user or group.
 *   <li>{@code user.lifecycle.create} and {@code user.lifecycle.delete.completed}: a user created
 *       or deleted.
 *   <li>{@code application.lifecycle.create} and {@code application.lifecycle.delete}: an app
 *       integration created or deleted, by the admin who did it; its creator is a candidate owner.
 *   <li>{@code user.session.start} and {@code user.authentication.*} by a service user: a {@code
 *       USED} of that user, with its Okta session id. People signing in are not machine identities
 *       and yield nothing.
 * </ul>
 *
 * <p>Changes whose outcome is a failure or a denial changed nothing and yield nothing; failed uses
 * still count as uses, with their error code, except failed sign-ins, which authenticated nobody.
 */
final class SystemLogFacts {

    private static final String API_TOKEN_EVENTS = "system.api_token.";
    private static final String[] USER_TARGET = {"User"};
    private static final String[] GROUP_TARGET = {"UserGroup", "Group"};
    private static final String[] APP_TARGET = {"AppInstance", "PublicClientApp"};

    private SystemLogFacts() {}

    static void emit(OktaLogEvent e) {
        apiTokenUse(e);
        String type = e.eventType.toLowerCase(Locale.ROOT);
        if (type.startsWith(API_TOKEN_EVENTS)) {
            apiTokenChange(e, type.substring(API_TOKEN_EVENTS.length()));
        } else if (isTokenGrant(type)) {
            OktaServiceApps.tokenGrant(e);
        } else if (type.equals("user.account.privilege.grant")
                || type.equals("user.account.privilege.revoke")) {
            privilege(e, true, type.endsWith(".revoke"));
        } else if (type.equals("group.privilege.grant") || type.equals("group.privilege.revoke")) {
            privilege(e, false, type.endsWith(".revoke"));
        } else if (type.equals("user.lifecycle.create")) {
            lifecycle(e, EventKind.CREATED);
        } else if (type.equals("user.lifecycle.delete.completed")) {
            lifecycle(e, EventKind.DELETED);
        } else if (type.equals("application.lifecycle.create")) {
            appLifecycle(e, EventKind.CREATED);
        } else if (type.equals("application.lifecycle.delete")) {
            appLifecycle(e, EventKind.DELETED);
        } else if (type.equals("user.session.start") || type.startsWith("user.authentication.")) {
            serviceUserSignIn(e);
        }
    }

    /** A call authenticated with an API token. */
    private static void apiTokenUse(OktaLogEvent e) {
        String tokenId = OktaFields.text(e.transactionDetail, "requestApiTokenId");
        if (tokenId == null) {
            return;
        }
        IdentityEvent used =
                e.next(EventKind.USED)
                        .credential(
                                CanonicalIds.oktaApiToken(e.org, tokenId),
                                CredentialTypes.OKTA_API_TOKEN)
                        .consumer(e.consumer)
                        .action(e.eventType)
                        .resource(e.requestPath())
                        .attribute(Attributes.ERROR_CODE, e.errorCode());
        if (e.actorIsUser() && e.actorLogin() != null) {
            used.identity(CanonicalIds.oktaUser(e.actorLogin()));
        }
        e.emit(used);
    }

    /** The creation, deletion or status change of an API token. */
    private static void apiTokenChange(OktaLogEvent e, String action) {
        EventKind kind;
        String status = null;
        switch (action) {
            case "create":
                kind = EventKind.CREATED;
                break;
            case "revoke":
                kind = EventKind.DELETED;
                break;
            case "update":
            case "enable":
                kind = EventKind.STATUS_CHANGED;
                status = Attributes.ACTIVE;
                break;
            case "disable":
                kind = EventKind.STATUS_CHANGED;
                status = Attributes.INACTIVE;
                break;
            default:
                return;
        }
        if (e.failed()) {
            return;
        }
        JsonNode token = e.target("Token");
        String tokenId = OktaFields.text(token, "id");
        if (tokenId == null) {
            e.reject("a " + API_TOKEN_EVENTS + action + " event names no target of type Token");
            return;
        }
        IdentityEvent event =
                e.next(kind)
                        .credential(
                                CanonicalIds.oktaApiToken(e.org, tokenId),
                                CredentialTypes.OKTA_API_TOKEN)
                        .actor(e.actorName())
                        .attribute(Attributes.STATUS, status);
        if (kind == EventKind.CREATED) {
            // A token acts with the permissions of the user who created it.
            if (e.actorIsUser() && e.actorLogin() != null) {
                event.identity(CanonicalIds.oktaUser(e.actorLogin()));
            }
            event.attribute(Attributes.NAME, OktaFields.text(token, "displayName"));
        }
        e.emit(event);
    }

    /** Admin roles granted to, or revoked from, a user or a group. */
    private static void privilege(OktaLogEvent e, boolean user, boolean revoke) {
        if (e.failed()) {
            return;
        }
        JsonNode target = e.target(user ? USER_TARGET : GROUP_TARGET);
        String identity;
        if (user) {
            String login = OktaFields.text(target, "alternateId");
            identity = login == null ? null : CanonicalIds.oktaUser(login);
        } else {
            String groupId = OktaFields.text(target, "id");
            identity = groupId == null ? null : CanonicalIds.oktaGroup(e.org, groupId);
        }
        if (identity == null) {
            e.reject(
                    "a "
                            + e.eventType.toLowerCase(Locale.ROOT)
                            + " event names no target "
                            + (user ? "user with a login" : "group with an id"));
            return;
        }
        String field = revoke ? "privilegeRevoked" : "privilegeGranted";
        List<String> roles = OktaPrivileges.roles(e.debug(field));
        if (roles.isEmpty()) {
            e.reject(
                    "a "
                            + e.eventType.toLowerCase(Locale.ROOT)
                            + " event names no role in its debugData "
                            + field);
            return;
        }
        for (String role : roles) {
            OktaPrivileges.Assessment tier = OktaPrivileges.ofRole(role);
            IdentityEvent granted =
                    e.next(EventKind.GRANTED)
                            .identity(identity)
                            .actor(e.actorName())
                            .resource(role)
                            .attribute(Attributes.PRIVILEGE, tier.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, tier.reason());
            if (revoke) {
                granted.attribute(Attributes.REVOKED, "true");
            }
            if (!user) {
                granted.attribute(Attributes.NAME, OktaFields.text(target, "displayName"));
            }
            e.emit(granted);
        }
    }

    /** A user created or deleted. */
    private static void lifecycle(OktaLogEvent e, EventKind kind) {
        if (e.failed()) {
            return;
        }
        String login = OktaFields.text(e.target(USER_TARGET), "alternateId");
        if (login == null) {
            e.reject(
                    "a "
                            + e.eventType.toLowerCase(Locale.ROOT)
                            + " event names no target user with a login");
            return;
        }
        e.emit(
                e.next(kind)
                        .identity(CanonicalIds.oktaUser(login))
                        .actor(e.actorName())
                        .attribute(
                                Attributes.IDENTITY_TYPE,
                                OktaServiceUsers.isServiceUser(login) ? "service-user" : "user")
                        .attribute(Attributes.NAME, OktaFields.lower(login)));
    }

    /** An app integration created or deleted. */
    private static void appLifecycle(OktaLogEvent e, EventKind kind) {
        if (e.failed()) {
            return;
        }
        JsonNode app = e.target(APP_TARGET);
        String id = OktaFields.text(app, "id");
        if (id == null) {
            e.reject(
                    "an "
                            + e.eventType.toLowerCase(Locale.ROOT)
                            + " event names no target app instance with an id");
            return;
        }
        e.emit(
                e.next(kind)
                        .identity(CanonicalIds.oktaApp(e.org, id))
                        .actor(e.actorName())
                        .attribute(Attributes.IDENTITY_TYPE, "app")
                        .attribute(Attributes.NAME, OktaFields.text(app, "displayName")));
    }

    /** A service user signing in: a use of that user. */
    private static void serviceUserSignIn(OktaLogEvent e) {
        String login = e.actorLogin();
        if (!e.actorIsUser() || !OktaServiceUsers.isServiceUser(login) || e.failed()) {
            return;
        }
        JsonNode app = e.target(APP_TARGET);
        String resource = OktaFields.text(app, "alternateId");
        e.emit(
                e.next(EventKind.USED)
                        .identity(CanonicalIds.oktaUser(login))
                        .consumer(e.consumer)
                        .action(e.eventType)
                        .resource(resource != null ? resource : OktaFields.text(app, "id"))
                        .attribute(Attributes.SESSION, e.session));
    }

    private static boolean isTokenGrant(String type) {
        return type.startsWith("app.oauth2.token.grant")
                || type.startsWith("app.oauth2.as.token.grant");
    }
}
