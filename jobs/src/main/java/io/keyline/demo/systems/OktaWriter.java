package io.keyline.demo.systems;

import io.keyline.demo.systems.OktaEvents.Client;
import io.keyline.demo.systems.OktaEvents.Party;
import io.keyline.demo.systems.People.Person;
import io.keyline.demo.systems.Teams.Team;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the System Log of the Okta org {@value Scenarios#OKTA_HOST} ({@code okta-system-log}, a
 * file per day): the admin role and API token the platform lead is given and creates, the calls the
 * tokens make, the federation user signing in to AWS, the SaaS tool's app (created by the
 * contractor) taking client-credentials tokens, and each team's sync user signing in. The org's
 * listings are {@link OktaListings}.
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

    final Context c;
    final String terraformToken;
    final long terraformCreated;
    final String scimToken;
    final long scimCreated;
    final String scimUserId;
    long terraformLastUse = -1;
    long scimLastUse = -1;

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
