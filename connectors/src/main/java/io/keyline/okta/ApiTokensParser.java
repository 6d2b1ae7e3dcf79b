package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The API token listing of an Okta org ({@code GET /api/v1/api-tokens}): each token's metadata,
 * never its value. Each token is {@code OBSERVED} at the time of the file, with its name, creation
 * time, expiry ({@code never} when the listing states none) and the id of the user it acts for
 * ({@value #OKTA_USER_ID}). The listing lists active tokens only.
 *
 * <p>Okta names the user by id alone, and Keyline names Okta users by login ({@link
 * CanonicalIds#oktaUser}), so a token is tied to its user only when an exporter adds the login as
 * {@code userLogin} or {@code user.login}; the token's {@code system.api_token.create} event in the
 * System Log ties it to its creator in any case. The org comes from {@link OktaOrgs}, with the
 * token's {@code _links} as the URLs.
 */
@Internal
public final class ApiTokensParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "okta-api-tokens";

    /** The attribute that holds the Okta id of the user a token acts for. */
    public static final String OKTA_USER_ID = "oktaUserId";

    private static final String TOKEN = "an Okta API token of the listing";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        List<JsonNode> tokens = OktaListings.entries(record, out, "an Okta API token");
        if (tokens == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        for (JsonNode token : tokens) {
            token(token, record.getOrigin(), events);
        }
    }

    private static void token(JsonNode token, String origin, ListingEvents events) {
        if (!token.isObject()) {
            events.reject(TOKEN + " is not a JSON object", token);
            return;
        }
        String id = OktaFields.text(token, "id");
        if (id == null) {
            events.reject(TOKEN + " has no id", token);
            return;
        }
        String created;
        String expires;
        try {
            created = OktaListings.time(token, "created", TOKEN);
            expires = OktaListings.time(token, "expiresAt", TOKEN);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), token);
            return;
        }
        String org =
                OktaOrgs.of(
                        origin,
                        SOURCE,
                        OktaFields.text(token, "org"),
                        OktaFields.text(token, "_links", "user", "href"),
                        OktaFields.text(token, "_links", "self", "href"));
        String credential = CanonicalIds.oktaApiToken(org, id);
        IdentityEvent observed =
                events.next(EventKind.OBSERVED, credential)
                        .credential(credential, CredentialTypes.OKTA_API_TOKEN)
                        .attribute(Attributes.STATUS, Attributes.ACTIVE)
                        .attribute(Attributes.CREATED_AT, created)
                        .attribute(
                                Attributes.EXPIRES_AT, expires != null ? expires : Attributes.NEVER)
                        .attribute(Attributes.NAME, OktaFields.text(token, "name"))
                        .attribute(OKTA_USER_ID, OktaFields.text(token, "userId"))
                        .attribute(Attributes.ACCOUNT, org);
        String login = login(token);
        if (login != null) {
            observed.identity(CanonicalIds.oktaUser(login));
        }
        events.emit(observed);
    }

    /** The login of the token's user, when an exporter added it. */
    private static String login(JsonNode token) {
        String login = OktaFields.text(token, "userLogin");
        if (login == null) {
            login = OktaFields.text(token, "user", "login");
        }
        if (login == null) {
            login = OktaFields.text(token, "user.login");
        }
        return login;
    }
}
