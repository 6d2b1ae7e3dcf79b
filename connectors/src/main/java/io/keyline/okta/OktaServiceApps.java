package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import java.util.List;

/**
 * The facts of an OAuth token grant to an Okta service app: an app that authenticates as itself
 * with the {@code client_credentials} grant. The grant is a {@code USED} of the app, on the scopes
 * it asked for (or, when the event names none, its authorization server), and each Okta API scope
 * granted is a {@code GRANTED} with the scope's tier ({@link OktaPrivileges}).
 *
 * <p>The client id is the actor's id when the actor is the app ({@code PublicClientApp}, as Okta
 * writes it, or {@code PublicClientAppEntity}, {@code AppInstance}), else the id of a target app,
 * else the {@code clientId} of the debug data. Grants to users and to other grant types are not
 * machine identities' and yield nothing.
 */
final class OktaServiceApps {

    private static final String CLIENT_CREDENTIALS = "client_credentials";

    private OktaServiceApps() {}

    static void tokenGrant(OktaLogEvent e) {
        String grantType = e.debug("grantType");
        if (grantType == null || !grantType.equalsIgnoreCase(CLIENT_CREDENTIALS)) {
            return;
        }
        String clientId = clientId(e);
        if (clientId == null) {
            e.reject(
                    "a client_credentials token grant names no client id in its actor, targets"
                            + " or debugData");
            return;
        }
        String app = CanonicalIds.oktaApp(e.org, clientId);
        List<String> granted = OktaPrivileges.scopes(e.debug("grantedScopes"));
        List<String> asked =
                granted.isEmpty() ? OktaPrivileges.scopes(e.debug("requestedScopes")) : granted;

        // The grant itself: the app authenticated and asked for these scopes.
        e.emit(
                e.next(EventKind.USED)
                        .identity(app)
                        .consumer(e.consumer)
                        .action(e.eventType)
                        .resource(
                                asked.isEmpty() ? authorizationServer(e) : String.join(",", asked))
                        .attribute(Attributes.ERROR_CODE, e.errorCode()));

        // What it was granted, when it was.
        if (e.failed()) {
            return;
        }
        for (String scope : granted) {
            OktaPrivileges.Assessment tier = OktaPrivileges.ofScope(scope);
            if (tier == null) {
                continue;
            }
            e.emit(
                    e.next(EventKind.GRANTED)
                            .identity(app)
                            .resource(scope)
                            .attribute(Attributes.PRIVILEGE, tier.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, tier.reason()));
        }
    }

    private static String clientId(OktaLogEvent e) {
        String actorType = OktaFields.lower(e.actorType());
        if (actorType != null
                && (actorType.startsWith("publicclientapp") || actorType.equals("appinstance"))
                && e.actorId() != null) {
            return e.actorId();
        }
        String target = OktaFields.text(e.target("AppInstance", "PublicClientApp"), "id");
        return target != null ? target : e.debug("clientId");
    }

    /** The authorization server the token came from, when the event names one. */
    private static String authorizationServer(OktaLogEvent e) {
        JsonNode server = e.target("AuthorizationServer");
        String id = OktaFields.text(server, "id");
        return id != null ? id : OktaFields.text(server, "alternateId");
    }
}
