package io.keyline.demo.systems;

import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.People.Person;
import io.keyline.demo.systems.Teams.Team;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the Okta listings as of the end: {@code GET /api/v1/users} (the systems people as the HR
 * directory has them, and the service users, each owned by the manager its profile names) and
 * {@code GET /api/v1/api-tokens}, with each token's expiry 30 days after its last use.
 */
final class OktaListings {

    private final Context c;
    private final OktaWriter okta;

    OktaListings(Context c, OktaWriter okta) {
        this.c = c;
        this.okta = okta;
    }

    /** The users and API token listings, as of the end. */
    void write() throws IOException {
        Window w = c.w;
        List<String> users = new ArrayList<>();
        for (int n = 0; n < c.people.size(); n++) {
            users.add(human(n, c.people.get(n)));
        }
        users.add(
                service(
                        c.scenarios.oktaFederationUserId,
                        Scenarios.FEDERATION_LOGIN,
                        "Federation",
                        c.people.email(People.lead(0))));
        users.add(
                service(
                        okta.scimUserId,
                        Scenarios.SCIM_LOGIN,
                        "SCIM",
                        c.people.email(People.SECURITY)));
        for (Team team : c.teams) {
            users.add(
                    service(
                            okta.userId(c.people.size() + team.index()),
                            OktaWriter.syncUser(team),
                            team.name() + " sync",
                            c.people.email(team.lead())));
        }
        c.out.text(
                OktaWriter.USERS,
                c.out.file(OktaWriter.USERS, Scenarios.OKTA_ORG, w.stamp + "-users.jsonl"),
                users.size(),
                String.join("\n", users) + "\n");

        long end = Window.ms(w.end);
        String body =
                "["
                        + token(
                                okta.terraformToken,
                                "terraform-okta",
                                People.lead(0),
                                okta.terraformCreated,
                                okta.terraformLastUse)
                        + ",\n"
                        + token(
                                okta.scimToken,
                                "scim-provisioner",
                                -1,
                                okta.scimCreated,
                                okta.scimLastUse)
                        + "]\n";
        c.out.text(
                OktaWriter.TOKENS,
                c.out.file(OktaWriter.TOKENS, Scenarios.OKTA_ORG, w.stamp + "-api-tokens.json"),
                2,
                body);
        for (String[] t :
                new String[][] {
                    {okta.terraformToken, "" + okta.terraformCreated, "" + okta.terraformLastUse},
                    {okta.scimToken, "" + okta.scimCreated, "" + okta.scimLastUse}
                }) {
            String key = OktaWriter.tokenId(t[0]);
            c.book.observed(
                    key,
                    CredentialTypes.OKTA_API_TOKEN,
                    null,
                    end,
                    "Active",
                    Window.ms(Long.parseLong(t[1])),
                    null);
            long used = Long.parseLong(t[2]);
            long updated = used > 0 ? used : Long.parseLong(t[1]);
            c.book.expires(key, Window.ms(updated + 30 * Window.DAY));
        }
    }

    private String human(int n, Person p) {
        String id = okta.userId(n);
        String status = p.departed() ? "DEPROVISIONED" : "ACTIVE";
        long created = c.w.end - (400 + n % 300) * Window.DAY;
        String changed =
                p.departed()
                        ? TimeFormats.day(p.endDate()) + "T00:00:00.000Z"
                        : OktaEvents.published(created + 300);
        String[] names = p.name().split(" ", 2);
        return Output.compact(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("status", status);
                    g.writeStringField("created", OktaEvents.published(created));
                    g.writeStringField("activated", OktaEvents.published(created + 300));
                    g.writeStringField("statusChanged", changed);
                    g.writeObjectFieldStart("profile");
                    g.writeStringField("firstName", names[0]);
                    g.writeStringField("lastName", names.length > 1 ? names[1] : "");
                    g.writeNullField("mobilePhone");
                    g.writeNullField("secondEmail");
                    g.writeStringField("login", p.email());
                    g.writeStringField("email", p.email());
                    g.writeStringField("employeeNumber", p.personId());
                    g.writeStringField("department", p.department());
                    if (p.manager() != null) {
                        g.writeStringField("managerEmail", p.manager());
                    }
                    g.writeEndObject();
                    links(g, id);
                    g.writeEndObject();
                });
    }

    private String service(String id, String login, String first, String owner) {
        long created = c.w.end - 500 * Window.DAY;
        c.book.identityOwner(CanonicalIds.oktaUser(login), owner, "tag", Window.ms(c.w.end));
        return Output.compact(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("status", "ACTIVE");
                    g.writeStringField("created", OktaEvents.published(created));
                    g.writeStringField("activated", OktaEvents.published(created + 60));
                    g.writeStringField("statusChanged", OktaEvents.published(created + 60));
                    g.writeObjectFieldStart("profile");
                    g.writeStringField("firstName", first);
                    g.writeStringField("lastName", "Service");
                    g.writeStringField("login", login);
                    g.writeStringField("email", login);
                    g.writeStringField("userType", "service");
                    g.writeStringField("department", "Platform");
                    g.writeStringField("manager", owner);
                    g.writeEndObject();
                    links(g, id);
                    g.writeEndObject();
                });
    }

    private String token(String id, String name, int person, long created, long lastUsed) {
        String userId = person >= 0 ? okta.userId(person) : okta.scimUserId;
        long updated = lastUsed > 0 ? lastUsed : created;
        return Output.compact(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("name", name);
                    g.writeStringField("userId", userId);
                    g.writeStringField("clientName", "Okta API");
                    g.writeStringField("created", OktaEvents.published(created));
                    g.writeStringField("lastUpdated", OktaEvents.published(updated));
                    g.writeStringField(
                            "expiresAt", OktaEvents.published(updated + 30 * Window.DAY));
                    g.writeStringField("tokenWindow", "P30D");
                    g.writeObjectFieldStart("network");
                    g.writeStringField("connection", "ANYWHERE");
                    g.writeNullField("include");
                    g.writeNullField("exclude");
                    g.writeEndObject();
                    g.writeObjectFieldStart("_links");
                    g.writeObjectFieldStart("user");
                    g.writeStringField(
                            "href", "https://" + Scenarios.OKTA_HOST + "/api/v1/users/" + userId);
                    g.writeEndObject();
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    private static void links(com.fasterxml.jackson.core.JsonGenerator g, String id)
            throws IOException {
        g.writeObjectFieldStart("_links");
        g.writeObjectFieldStart("self");
        g.writeStringField("href", "https://" + Scenarios.OKTA_HOST + "/api/v1/users/" + id);
        g.writeEndObject();
        g.writeEndObject();
    }
}
