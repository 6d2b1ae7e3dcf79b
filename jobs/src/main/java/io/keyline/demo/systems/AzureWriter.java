package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.AzurePlan.Secret;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the Entra ID logs of the window, a file per day, as Azure Monitor diagnostic settings
 * export them: the sign-ins of each app with its client secrets ({@code azure-signin}) and the
 * audit entries ({@code azure-audit}) of the secrets people add and the application permissions
 * they grant. The listings are {@link AzureListings}.
 */
final class AzureWriter {

    static final String SIGNIN = "azure-signin";
    static final String AUDIT = "azure-audit";
    static final String GRAPH = "azure-graph";
    static final String VAULT = "azure-key-vault";

    private final Context c;
    private final List<AzurePlan> plans = new ArrayList<>();

    AzureWriter(Context c) {
        this.c = c;
        for (Teams.Team t : c.teams) {
            plans.add(AzurePlan.of(c.w, t));
        }
    }

    List<AzurePlan> plans() {
        return plans;
    }

    String tenant() {
        return c.scenarios.azureTenant;
    }

    String principal(Teams.Team t) {
        return CanonicalIds.azureServicePrincipal(tenant(), t.appId());
    }

    void day(int d) {
        Window w = c.w;
        for (AzurePlan plan : plans) {
            Teams.Team t = plan.team();
            if (d == 0) {
                grant(plan);
            }
            SplittableRandom r = w.rng(SystemsSeeds.DAY, 3, t.index(), d);
            for (Secret s : plan.secrets()) {
                if (s.creator() >= 0
                        && s.start() >= w.dayStart(d)
                        && s.start() < w.dayStart(d + 1)) {
                    added(plan, s);
                }
                for (int i = 0; i < s.signInsPerDay(); i++) {
                    long time = w.at(d, r, 0, 24);
                    if (time > s.start() && time < s.end()) {
                        signIn(plan, s, time, i);
                    }
                }
            }
        }
    }

    private void signIn(AzurePlan plan, Secret s, long time, int i) {
        Teams.Team t = plan.team();
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 3, time, t.index() * 8L + i);
        SplittableRandom r = new SplittableRandom(hash);
        String id = SystemsIds.guid(r);
        String correlation = SystemsIds.guid(r);
        String ip = "20.62." + (t.index() % 200) + "." + (11 + i);
        String when = fraction(time, r);
        c.log.add(
                SIGNIN,
                null,
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeNumberField("Level", 4);
                            g.writeStringField("callerIpAddress", ip);
                            g.writeStringField("category", "ServicePrincipalSignInLogs");
                            g.writeStringField("correlationId", correlation);
                            g.writeNumberField("durationMs", 0);
                            g.writeStringField("location", "US");
                            g.writeStringField("operationName", "Sign-in activity");
                            g.writeStringField("operationVersion", "1.0");
                            g.writeObjectFieldStart("properties");
                            g.writeStringField("appId", t.appId());
                            g.writeStringField("correlationId", correlation);
                            g.writeStringField("createdDateTime", when.replace("Z", "+00:00"));
                            g.writeStringField("id", id);
                            g.writeStringField("ipAddress", ip);
                            g.writeBooleanField("isInteractive", false);
                            g.writeStringField("resourceDisplayName", "Microsoft Graph");
                            g.writeStringField(
                                    "resourceId", "00000003-0000-0000-c000-000000000000");
                            g.writeStringField("servicePrincipalCredentialKeyId", s.keyId());
                            g.writeStringField("clientCredentialType", "clientSecret");
                            g.writeStringField("servicePrincipalId", t.appObjectId());
                            g.writeStringField("servicePrincipalName", plan.displayName());
                            g.writeObjectFieldStart("status");
                            g.writeNumberField("errorCode", 0);
                            g.writeEndObject();
                            g.writeStringField("tokenIssuerType", "AzureAD");
                            g.writeNullField("userId");
                            g.writeEndObject();
                            g.writeStringField(
                                    "resourceId",
                                    "/tenants/" + tenant() + "/providers/Microsoft.aadiam");
                            g.writeStringField("resultSignature", "None");
                            g.writeStringField("resultType", "0");
                            g.writeStringField("tenantId", tenant());
                            g.writeStringField("time", when);
                            g.writeEndObject();
                        }));
        c.book.used(
                secretId(t, s), CredentialTypes.AZURE_CLIENT_SECRET, principal(t), Window.ms(time));
    }

    /** A person adds a client secret to the app: the key list before and after. */
    private void added(AzurePlan plan, Secret s) {
        Teams.Team t = plan.team();
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Secret other : plan.secrets()) {
            if (other.start() < s.start()) {
                before.add(keyDescription(other));
                after.add(keyDescription(other));
            }
        }
        after.add(keyDescription(s));
        String upn = c.people.email(s.creator());
        audit(
                t,
                s.start(),
                1,
                "Update application \u2013 Certificates and secrets management",
                "Update",
                upn,
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", t.appObjectId());
                    g.writeStringField("displayName", plan.displayName());
                    g.writeStringField("type", "Application");
                    g.writeArrayFieldStart("modifiedProperties");
                    property(g, "KeyDescription", json(before), json(after));
                    property(g, "Included Updated Properties", null, "\"KeyDescription\"");
                    property(g, "AppId", null, "\"" + t.appId() + "\"");
                    g.writeEndArray();
                    g.writeEndObject();
                });
        c.book.created(
                secretId(t, s),
                CredentialTypes.AZURE_CLIENT_SECRET,
                principal(t),
                Window.ms(s.start()),
                upn);
    }

    /** The director grants the app its application permission on Microsoft Graph. */
    private void grant(AzurePlan plan) {
        Teams.Team t = plan.team();
        audit(
                t,
                plan.permissionGranted(),
                2,
                "Add app role assignment to service principal",
                "Assign",
                c.people.email(People.DIRECTOR),
                g -> {
                    g.writeStartObject();
                    g.writeStringField("id", "5f1e2d3c-0000-4000-8000-00000000a11c");
                    g.writeStringField("displayName", "Microsoft Graph");
                    g.writeStringField("type", "ServicePrincipal");
                    g.writeArrayFieldStart("modifiedProperties");
                    property(g, "AppRole.Value", null, "\"" + plan.permission() + "\"");
                    property(g, "ServicePrincipal.ObjectID", null, "\"" + t.appObjectId() + "\"");
                    property(
                            g,
                            "ServicePrincipal.DisplayName",
                            null,
                            "\"" + plan.displayName() + "\"");
                    property(g, "ServicePrincipal.AppId", null, "\"" + t.appId() + "\"");
                    property(
                            g,
                            "TargetId.ServicePrincipalNames",
                            null,
                            "\"00000003-0000-0000-c000-000000000000;https://graph.microsoft.com\"");
                    g.writeEndArray();
                    g.writeEndObject();
                });
        c.book.granted(principal(t), AzurePlan.tier(plan.permission()));
    }

    private void audit(
            Teams.Team t,
            long time,
            long part,
            String activity,
            String type,
            String upn,
            Output.JsonBody target) {
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 4, time, t.index() * 8L + part);
        SplittableRandom r = new SplittableRandom(hash);
        String correlation = SystemsIds.guid(r);
        String id =
                "Directory_"
                        + SystemsIds.guid(r).substring(0, 8).toUpperCase()
                        + "_"
                        + SystemsIds.lowerAlnum(r, 5).toUpperCase();
        String when = fraction(time, r);
        c.log.add(
                AUDIT,
                null,
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("time", when);
                            g.writeStringField(
                                    "resourceId",
                                    "/tenants/" + tenant() + "/providers/Microsoft.aadiam");
                            g.writeStringField("operationName", activity);
                            g.writeStringField("operationVersion", "1.0");
                            g.writeStringField("category", "AuditLogs");
                            g.writeStringField("tenantId", tenant());
                            g.writeStringField("resultSignature", "None");
                            g.writeNumberField("durationMs", 0);
                            g.writeStringField("callerIpAddress", "198.51.100.40");
                            g.writeStringField("correlationId", correlation);
                            g.writeNumberField("Level", 4);
                            g.writeObjectFieldStart("properties");
                            g.writeStringField("id", id);
                            g.writeStringField("category", "ApplicationManagement");
                            g.writeStringField("correlationId", correlation);
                            g.writeStringField("result", "success");
                            g.writeStringField("resultReason", "");
                            g.writeStringField("activityDisplayName", activity);
                            g.writeStringField("activityDateTime", when.replace("Z", "+00:00"));
                            g.writeStringField("loggedByService", "Core Directory");
                            g.writeStringField("operationType", type);
                            g.writeObjectFieldStart("initiatedBy");
                            g.writeObjectFieldStart("user");
                            g.writeStringField("id", SystemsIds.guid(r));
                            g.writeStringField("displayName", People.nameOf(upn));
                            g.writeStringField("userPrincipalName", upn);
                            g.writeStringField("ipAddress", "198.51.100.40");
                            g.writeEndObject();
                            g.writeEndObject();
                            g.writeArrayFieldStart("targetResources");
                            target.write(g);
                            g.writeEndArray();
                            g.writeArrayFieldStart("additionalDetails");
                            g.writeStartObject();
                            g.writeStringField("key", "User-Agent");
                            g.writeStringField(
                                    "value",
                                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edge/126.0");
                            g.writeEndObject();
                            g.writeEndArray();
                            g.writeEndObject();
                            g.writeEndObject();
                        }));
    }

    static String secretId(Teams.Team t, Secret s) {
        return CanonicalIds.azureServicePrincipalSecret(t.appId(), s.keyId());
    }

    private static String keyDescription(Secret s) {
        return "[KeyIdentifier="
                + s.keyId()
                + ",KeyType=Password,KeyUsage=Verify,DisplayName="
                + s.name()
                + "]";
    }

    /** A JSON-encoded list of strings, as Entra writes property values. */
    private static String json(List<String> values) {
        return Output.compact(
                g -> {
                    g.writeStartArray();
                    for (String v : values) {
                        g.writeString(v);
                    }
                    g.writeEndArray();
                });
    }

    private static void property(JsonGenerator g, String name, String oldValue, String newValue)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("displayName", name);
        if (oldValue == null) {
            g.writeNullField("oldValue");
        } else {
            g.writeStringField("oldValue", oldValue);
        }
        g.writeStringField("newValue", newValue);
        g.writeEndObject();
    }

    /** An Azure time with seven fractional digits below the millisecond. */
    static String fraction(long time, SplittableRandom r) {
        String iso = TimeFormats.iso(time);
        return iso.substring(0, 19) + ".000" + SystemsIds.digits(r, 4) + "Z";
    }
}
