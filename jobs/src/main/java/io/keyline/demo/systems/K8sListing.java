package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.TimeFormats;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One cluster's {@code kubectl get serviceaccounts,secrets,roles,clusterroles,rolebindings,
 * clusterrolebindings -A -o json}: a {@code List} with the team's service accounts (with their
 * workload-identity annotations and owner labels), the CI runner's legacy token Secret, the app's
 * database Secret (applied with {@code kubectl apply}, so its last-applied annotation repeats the
 * password), the platform's copy of the data-sync key in the first team's cluster, and the roles
 * and bindings of the namespace and of {@code kube-system}.
 */
final class K8sListing {

    private final Context c;

    K8sListing(Context c) {
        this.c = c;
    }

    void write(K8sPlan plan, long runnerLastUse) throws IOException {
        Teams.Team t = plan.team();
        String ns = t.namespace();
        long end = Window.ms(c.w.end);
        long lastUsedDay =
                runnerLastUse >= 0
                        ? runnerLastUse - Math.floorMod(runnerLastUse, Window.DAY)
                        : plan.tokenLastUsedBefore()
                                - Math.floorMod(plan.tokenLastUsedBefore(), Window.DAY);
        String owner = c.people.email(t.members()[0]);
        String irsa = "arn:aws:iam::" + c.w.platformAccount + ":role/" + plan.irsaRole();
        String db = plan.appAccount() + "-db";
        boolean dataSync = t.index() == 0;
        int items = dataSync ? 12 : 11;
        c.out.pretty(
                K8sWriter.LISTING,
                c.out.file(K8sWriter.LISTING, t.cluster(), c.w.stamp + "-rbac-and-secrets.json"),
                items,
                g -> {
                    g.writeStartObject();
                    g.writeStringField("apiVersion", "v1");
                    g.writeArrayFieldStart("items");
                    account(g, "kube-system", "coredns");
                    account(
                            g,
                            ns,
                            plan.appAccount(),
                            "eks.amazonaws.com/role-arn",
                            irsa,
                            "owner",
                            owner);
                    account(
                            g,
                            ns,
                            plan.batchAccount(),
                            "iam.gke.io/gcp-service-account",
                            t.batch(),
                            "team",
                            t.list());
                    account(g, ns, K8sPlan.RUNNER);
                    tokenSecret(g, plan, lastUsedDay);
                    dbSecret(g, plan, db);
                    if (dataSync) {
                        dataSyncSecret(g, ns);
                    }
                    role(g, ns, plan.appAccount() + "-reader", "configmaps");
                    clusterRole(g, "system:coredns");
                    binding(
                            g,
                            "RoleBinding",
                            ns,
                            plan.appAccount() + "-reader",
                            "Role",
                            plan.appAccount() + "-reader",
                            ns,
                            plan.appAccount());
                    binding(
                            g,
                            "ClusterRoleBinding",
                            null,
                            "system:coredns",
                            "ClusterRole",
                            "system:coredns",
                            "kube-system",
                            "coredns");
                    binding(
                            g,
                            "ClusterRoleBinding",
                            null,
                            "ci-runner-" + plan.runnerRole(),
                            "ClusterRole",
                            plan.runnerRole(),
                            ns,
                            K8sPlan.RUNNER);
                    g.writeEndArray();
                    g.writeStringField("kind", "List");
                    g.writeObjectFieldStart("metadata");
                    g.writeStringField("resourceVersion", "");
                    g.writeEndObject();
                    g.writeEndObject();
                });

        String app = plan.account(plan.appAccount());
        String batch = plan.account(plan.batchAccount());
        String runner = plan.account(K8sPlan.RUNNER);
        c.book.granted(app, TruthBook.Tier.READ);
        c.book.granted(
                CanonicalIds.k8sServiceAccount(t.cluster(), "kube-system", "coredns"),
                TruthBook.Tier.READ);
        c.book.identityOwner(app, owner, "tag", end);
        c.book.identityOwner(batch, t.list(), "team", end);
        c.book.granted(runner, plan.runnerTier());
        c.book.trusts(CanonicalIds.awsRole(c.w.platformAccount, plan.irsaRole()), app);
        c.book.trusts(CanonicalIds.gcpServiceAccount(t.batch()), batch);
        c.book.observed(
                plan.token(),
                CredentialTypes.K8S_SA_TOKEN,
                runner,
                end,
                "Active",
                Window.ms(plan.tokenCreated()),
                Window.ms(lastUsedDay));
        c.book.expires(plan.token(), null);
        c.book.stored(
                TruthBook.fingerprintKey(t.dbPassword()),
                CredentialTypes.GENERIC_SECRET,
                Stores.K8S_SECRET,
                t.cluster() + "/" + ns + "/" + db + "#DB_PASSWORD",
                end);
        if (dataSync) {
            String path = t.cluster() + "/" + ns + "/data-sync-aws#";
            c.book.stored(
                    CanonicalIds.awsAccessKey(c.scenarios.dataSyncKeyId),
                    CredentialTypes.AWS_ACCESS_KEY,
                    Stores.K8S_SECRET,
                    path + "AWS_ACCESS_KEY_ID",
                    end);
            c.book.stored(
                    TruthBook.fingerprintKey(c.scenarios.dataSyncSecret),
                    CredentialTypes.GENERIC_SECRET,
                    Stores.K8S_SECRET,
                    path + "AWS_SECRET_ACCESS_KEY",
                    end);
        }
    }

    /** A service account with annotations given as name, value, name, value... */
    private void account(JsonGenerator g, String ns, String name, String... annotations)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeStringField("kind", "ServiceAccount");
        g.writeObjectFieldStart("metadata");
        if (annotations.length > 0) {
            g.writeObjectFieldStart("annotations");
            for (int i = 0; i + 1 < annotations.length; i += 2) {
                g.writeStringField(annotations[i], annotations[i + 1]);
            }
            g.writeEndObject();
        }
        g.writeStringField("creationTimestamp", TimeFormats.iso(c.w.end - 700 * Window.DAY));
        g.writeObjectFieldStart("labels");
        g.writeStringField("app.kubernetes.io/part-of", ns);
        g.writeEndObject();
        g.writeStringField("name", name);
        g.writeStringField("namespace", ns);
        g.writeStringField("resourceVersion", "4" + Math.abs(name.hashCode() % 100000));
        g.writeStringField("uid", io.keyline.demo.Ids.uuid(name.hashCode() * 31L + ns.hashCode()));
        g.writeEndObject();
        g.writeEndObject();
    }

    private void tokenSecret(JsonGenerator g, K8sPlan plan, long lastUsedDay) throws IOException {
        String token = c.secrets.plant(plan.tokenValue());
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeObjectFieldStart("data");
        g.writeStringField("namespace", base64(plan.team().namespace()));
        g.writeStringField("token", planted(token));
        g.writeEndObject();
        g.writeStringField("kind", "Secret");
        g.writeObjectFieldStart("metadata");
        g.writeObjectFieldStart("annotations");
        g.writeStringField("kubernetes.io/service-account.name", K8sPlan.RUNNER);
        g.writeStringField(
                "kubernetes.io/service-account.uid",
                io.keyline.demo.Ids.uuid(plan.team().index() * 7919L));
        g.writeEndObject();
        g.writeStringField("creationTimestamp", TimeFormats.iso(plan.tokenCreated()));
        g.writeObjectFieldStart("labels");
        g.writeStringField("kubernetes.io/legacy-token-last-used", TimeFormats.day(lastUsedDay));
        g.writeEndObject();
        g.writeStringField("name", K8sPlan.TOKEN_SECRET);
        g.writeStringField("namespace", plan.team().namespace());
        g.writeEndObject();
        g.writeStringField("type", "kubernetes.io/service-account-token");
        g.writeEndObject();
    }

    private void dbSecret(JsonGenerator g, K8sPlan plan, String name) throws IOException {
        Teams.Team t = plan.team();
        String password = c.secrets.plant(t.dbPassword());
        String applied =
                "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"annotations\""
                        + ":{},\"name\":\""
                        + name
                        + "\",\"namespace\":\""
                        + t.namespace()
                        + "\"},"
                        + "\"stringData\":{\"DB_PASSWORD\":\""
                        + password
                        + "\",\"DB_USER\":\""
                        + t.app()
                        + "\"},\"type\":\"Opaque\"}\n";
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeObjectFieldStart("data");
        g.writeStringField("DB_PASSWORD", planted(password));
        g.writeStringField("DB_USER", base64(t.app()));
        g.writeEndObject();
        g.writeStringField("kind", "Secret");
        g.writeObjectFieldStart("metadata");
        g.writeObjectFieldStart("annotations");
        g.writeStringField("kubectl.kubernetes.io/last-applied-configuration", applied);
        g.writeEndObject();
        g.writeStringField("creationTimestamp", TimeFormats.iso(c.w.end - 400 * Window.DAY));
        g.writeStringField("name", name);
        g.writeStringField("namespace", t.namespace());
        g.writeEndObject();
        g.writeStringField("type", "Opaque");
        g.writeEndObject();
    }

    private void dataSyncSecret(JsonGenerator g, String ns) throws IOException {
        Scenarios s = c.scenarios;
        g.writeStartObject();
        g.writeStringField("apiVersion", "v1");
        g.writeObjectFieldStart("data");
        g.writeStringField("AWS_ACCESS_KEY_ID", base64(s.dataSyncKeyId));
        g.writeStringField("AWS_SECRET_ACCESS_KEY", planted(s.dataSyncSecret));
        g.writeEndObject();
        g.writeStringField("kind", "Secret");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("creationTimestamp", TimeFormats.iso(s.dataSyncCreated + 2700));
        g.writeStringField("name", "data-sync-aws");
        g.writeStringField("namespace", ns);
        g.writeEndObject();
        g.writeStringField("type", "Opaque");
        g.writeEndObject();
    }

    private static void role(JsonGenerator g, String ns, String name, String resource)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", "rbac.authorization.k8s.io/v1");
        g.writeStringField("kind", "Role");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("name", name);
        g.writeStringField("namespace", ns);
        g.writeEndObject();
        rules(g, "", resource);
        g.writeEndObject();
    }

    private static void clusterRole(JsonGenerator g, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", "rbac.authorization.k8s.io/v1");
        g.writeStringField("kind", "ClusterRole");
        g.writeObjectFieldStart("metadata");
        g.writeStringField("name", name);
        g.writeEndObject();
        rules(g, "", "endpoints");
        g.writeEndObject();
    }

    private static void rules(JsonGenerator g, String group, String resource) throws IOException {
        g.writeArrayFieldStart("rules");
        g.writeStartObject();
        g.writeArrayFieldStart("apiGroups");
        g.writeString(group);
        g.writeEndArray();
        g.writeArrayFieldStart("resources");
        g.writeString(resource);
        g.writeEndArray();
        g.writeArrayFieldStart("verbs");
        g.writeString("get");
        g.writeString("list");
        g.writeString("watch");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
    }

    private static void binding(
            JsonGenerator g,
            String kind,
            String ns,
            String name,
            String roleKind,
            String role,
            String subjectNs,
            String subject)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("apiVersion", "rbac.authorization.k8s.io/v1");
        g.writeStringField("kind", kind);
        g.writeObjectFieldStart("metadata");
        g.writeStringField("name", name);
        if (ns != null) {
            g.writeStringField("namespace", ns);
        }
        g.writeEndObject();
        g.writeObjectFieldStart("roleRef");
        g.writeStringField("apiGroup", "rbac.authorization.k8s.io");
        g.writeStringField("kind", roleKind);
        g.writeStringField("name", role);
        g.writeEndObject();
        g.writeArrayFieldStart("subjects");
        g.writeStartObject();
        g.writeStringField("kind", "ServiceAccount");
        g.writeStringField("name", subject);
        g.writeStringField("namespace", subjectNs);
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    /** A Secret's value as the listing holds it; the encoded form is a planted secret too. */
    private String planted(String text) {
        return c.secrets.plant(base64(c.secrets.plant(text)));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
