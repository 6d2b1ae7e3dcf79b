package io.keyline.demo.systems;

import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.OktaEvents.Client;
import io.keyline.demo.systems.OktaEvents.Party;
import io.keyline.demo.systems.People.Person;
import io.keyline.demo.systems.Teams.Team;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the Okta org {@value Scenarios#OKTA_HOST}: its users ({@code okta-users}: the systems
 * people, as the HR directory has them, and the service users, owned by the manager their profile
 * names), its API tokens ({@code okta-api-tokens}) and its System Log ({@code okta-system-log}, a
 * file per day): the admin role and API token the platform lead is given and creates, the calls the
 * tokens make, the federation user signing in to AWS, the SaaS tool's app (created by the
 * contractor) taking client-credentials tokens, and each team's sync user signing in.
 */
final class OktaWriter {

    static final String USERS = "okta-users";
    static final String TOKENS = "okta-api-tokens";
    static final String LOG = "okta-system-log";

    private static final Client BROWSER =
            new Client(
                    "198.51.100.24",
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like"
                            + " Gecko) Version/17.5 Safari/605.1.15",
                    "Mac OS X",
                    "SAFARI");
    private static final Client TERRAFORM =
            new Client(
                    "52.4.118.9",
                    "okta-sdk-golang/2.20.0 golang/go1.22.3 linux/amd64",
                    "Linux",
                    "UNKNOWN");
    private static final Client SCIM =
            new Client("20.81.44.130", "Okta SCIM Client 1.0", "Unknown", "UNKNOWN");
    private static final Client SAAS =
            new Client("44.226.92.15", "python-requests/2.32.3", "Unknown", "UNKNOWN");

    private final Context c;
    private final String terraformToken;
    private final long terraformCreated;
    private final String scimToken;
    private final long scimCreated;
    private final String scimUserId;
    private long terraformLastUse = -1;
    private long scimLastUse = -1;

    OktaWriter(Context c) {
        this.c = c;
        SplittableRandom r = c.w.rng(SystemsSeeds.OKTA, 0);
        terraformToken = SystemsIds.okta(r, "00T");
        terraformCreated = c.w.at(0, r, 10, 11);
        scimToken = SystemsIds.okta(r, "00T");
        scimCreated = c.w.before(r, 250, 400);
        scimUserId = SystemsIds.okta(r, "00u");
    }

    static String tokenId(String id) {
        return CanonicalIds.oktaApiToken(Scenarios.OKTA_ORG, id);
    }

    String userId(int person) {
        return SystemsIds.okta(c.w.rng(SystemsSeeds.OKTA, 1, person), "00u");
    }

    /** The events of one day. */
    void day(int d) {
        Window w = c.w;
        String lead = c.people.email(People.lead(0));
        Party leadParty = user(userId(People.lead(0)), c.people.get(People.lead(0)));
        if (d == 0) {
            Person director = c.people.get(People.DIRECTOR);
            long granted = terraformCreated - 40 * 60;
            add(
                    granted,
                    11,
                    "user.account.privilege.grant",
                    "Grant user privilege",
                    user(userId(People.DIRECTOR), director),
                    BROWSER,
                    debug("privilegeGranted", "Organization administrator"),
                    new Party[] {leadParty},
                    null);
            c.book.granted(CanonicalIds.oktaUser(lead), TruthBook.Tier.ADMIN);
            add(
                    terraformCreated,
                    12,
                    "system.api_token.create",
                    "Create API token",
                    leadParty,
                    BROWSER,
                    debug(),
                    new Party[] {new Party(terraformToken, "Token", "unknown", "terraform-okta")},
                    null);
            c.book.created(
                    tokenId(terraformToken),
                    CredentialTypes.OKTA_API_TOKEN,
                    CanonicalIds.oktaUser(lead),
                    Window.ms(terraformCreated),
                    lead);
            Person contractor = c.people.get(c.people.contractor());
            add(
                    c.scenarios.saasAppCreated,
                    13,
                    "application.lifecycle.create",
                    "Create application",
                    user(userId(c.people.contractor()), contractor),
                    BROWSER,
                    debug(),
                    new Party[] {
                        new Party(
                                c.scenarios.saasClientId,
                                "AppInstance",
                                "Salesforce Data Sync",
                                "Salesforce Data Sync")
                    },
                    null);
            c.book.identityCreated(
                    saasApp(), contractor.email(), Window.ms(c.scenarios.saasAppCreated));
        }
        SplittableRandom r = w.rng(SystemsSeeds.DAY, 1, d);
        for (int i = 0; i < 3; i++) {
            long t = w.at(d, r, 0, 24);
            if (t > terraformCreated) {
                add(
                        t,
                        100 + i,
                        i == 0 ? "group.user_membership.add" : "application.lifecycle.update",
                        i == 0 ? "Add user to group membership" : "Update application",
                        leadParty,
                        TERRAFORM,
                        debug("requestUri", "/api/v1/apps"),
                        null,
                        terraformToken);
                c.book.used(
                        tokenId(terraformToken),
                        CredentialTypes.OKTA_API_TOKEN,
                        CanonicalIds.oktaUser(lead),
                        Window.ms(t));
                terraformLastUse = Math.max(terraformLastUse, t);
            }
            long s = w.at(d, r, 0, 24);
            add(
                    s,
                    200 + i,
                    "user.account.update_profile",
                    "Update user profile",
                    new Party(scimUserId, "User", Scenarios.SCIM_LOGIN, "SCIM Provisioner"),
                    SCIM,
                    debug("requestUri", "/api/v1/users"),
                    null,
                    scimToken);
            c.book.used(
                    tokenId(scimToken),
                    CredentialTypes.OKTA_API_TOKEN,
                    CanonicalIds.oktaUser(Scenarios.SCIM_LOGIN),
                    Window.ms(s));
            scimLastUse = Math.max(scimLastUse, s);
        }
        Party aws =
                new Party(
                        "0oa" + "awsfederation0000",
                        "AppInstance",
                        "AWS Account Federation",
                        "AWS Account Federation");
        for (int i = 0; i < 2; i++) {
            add(
                    w.at(d, r, 6, 20),
                    300 + i,
                    "user.authentication.sso",
                    "User single sign on to app",
                    new Party(
                            c.scenarios.oktaFederationUserId,
                            "User",
                            Scenarios.FEDERATION_LOGIN,
                            "Federation Service"),
                    TERRAFORM,
                    debug(),
                    new Party[] {aws},
                    null);
        }
        for (int i = 0; i < 4; i++) {
            add(
                    w.at(d, r, 0, 24),
                    400 + i,
                    "app.oauth2.token.grant.access_token",
                    "OAuth2 access token is granted",
                    new Party(
                            c.scenarios.saasClientId,
                            "PublicClientApp",
                            c.scenarios.saasClientId,
                            "Salesforce Data Sync"),
                    SAAS,
                    debug(
                            "grantType",
                            "client_credentials",
                            "grantedScopes",
                            "okta.users.read okta.groups.read",
                            "requestedScopes",
                            "okta.users.read okta.groups.read"),
                    new Party[] {
                        new Party("aus1defaultserver0", "AuthorizationServer", "default", "default")
                    },
                    null);
        }
        c.book.granted(saasApp(), TruthBook.Tier.READ);
        for (Team team : c.teams) {
            String login = syncUser(team);
            add(
                    w.at(d, r, 1, 5),
                    1000 + team.index(),
                    "user.session.start",
                    "User login to Okta",
                    new Party(
                            userId(c.people.size() + team.index()),
                            "User",
                            login,
                            team.name() + " sync"),
                    SCIM,
                    debug(),
                    null,
                    null);
        }
    }

    String saasApp() {
        return CanonicalIds.oktaApp(Scenarios.OKTA_ORG, c.scenarios.saasClientId);
    }

    static String syncUser(Team team) {
        return "svc-" + team.name() + "-sync@example.com";
    }

    /** The users and API token listings, as of the end. */
    void listings() throws IOException {
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
                service(scimUserId, Scenarios.SCIM_LOGIN, "SCIM", c.people.email(People.SECURITY)));
        for (Team team : c.teams) {
            users.add(
                    service(
                            userId(c.people.size() + team.index()),
                            syncUser(team),
                            team.name() + " sync",
                            c.people.email(team.lead())));
        }
        c.out.text(
                USERS,
                c.out.file(USERS, Scenarios.OKTA_ORG, w.stamp + "-users.jsonl"),
                users.size(),
                String.join("\n", users) + "\n");

        long end = Window.ms(w.end);
        String body =
                "["
                        + token(
                                terraformToken,
                                "terraform-okta",
                                People.lead(0),
                                terraformCreated,
                                terraformLastUse)
                        + ",\n"
                        + token(scimToken, "scim-provisioner", -1, scimCreated, scimLastUse)
                        + "]\n";
        c.out.text(
                TOKENS,
                c.out.file(TOKENS, Scenarios.OKTA_ORG, w.stamp + "-api-tokens.json"),
                2,
                body);
        for (String[] t :
                new String[][] {
                    {terraformToken, "" + terraformCreated, "" + terraformLastUse},
                    {scimToken, "" + scimCreated, "" + scimLastUse}
                }) {
            String key = tokenId(t[0]);
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
        String id = userId(n);
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
        String userId = person >= 0 ? userId(person) : scimUserId;
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

    private static Party user(String id, Person p) {
        return new Party(id, "User", p.email(), p.name());
    }

    private void add(
            long time,
            long part,
            String type,
            String message,
            Party actor,
            Client client,
            Map<String, String> debug,
            Party[] targets,
            String apiToken) {
        long hash = io.keyline.demo.Seeds.of(c.w.seed, SystemsSeeds.EVENT, 1, time, part);
        c.log.add(
                LOG,
                Scenarios.OKTA_ORG,
                time,
                OktaEvents.line(
                        hash, time, type, message, actor, client, null, debug, targets, apiToken));
    }

    /** Debug data in the order given: name, value, name, value... */
    private static Map<String, String> debug(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
