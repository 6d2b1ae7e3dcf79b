package io.keyline.demo.systems;

import io.keyline.demo.Ids;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes each team's cluster: the API server's audit log ({@code k8s-audit/<cluster>/audit.jsonl},
 * native {@code audit.k8s.io/v1} events, a day at a time) with the requests of its service
 * accounts, the CI runner's made with its legacy token; and {@code kubectl get
 * serviceaccounts,secrets,roles,clusterroles,rolebindings,clusterrolebindings -A -o json} as of the
 * end ({@link K8sListing}).
 */
final class K8sWriter {

    static final String AUDIT = "k8s-audit";
    static final String LISTING = "k8s-serviceaccounts";

    private final Context c;
    private final List<K8sPlan> plans = new ArrayList<>();
    private final long[] runnerLastUse;

    K8sWriter(Context c) {
        this.c = c;
        for (Teams.Team t : c.teams) {
            plans.add(K8sPlan.of(c.w, t));
        }
        runnerLastUse = new long[plans.size()];
        java.util.Arrays.fill(runnerLastUse, -1);
    }

    List<K8sPlan> plans() {
        return plans;
    }

    long runnerLastUse(K8sPlan plan) {
        return runnerLastUse[plan.team().index()];
    }

    void day(int d) {
        Window w = c.w;
        for (K8sPlan plan : plans) {
            Teams.Team t = plan.team();
            SplittableRandom r = w.rng(SystemsSeeds.DAY, 5, t.index(), d);
            for (int i = 0; i < 3; i++) {
                event(
                        plan,
                        w.at(d, r, 0, 24),
                        i,
                        plan.appAccount(),
                        "get",
                        "configmaps",
                        plan.appAccount() + "-config",
                        "kube-client/v1.30.2 " + t.app(),
                        plan.appAccount() + "-7d9f8b6c5-" + SystemsIds.lowerAlnum(r, 5),
                        null);
            }
            for (int i = 0; i < 2; i++) {
                long time = w.at(d, r, 6, 22);
                event(
                        plan,
                        time,
                        10 + i,
                        K8sPlan.RUNNER,
                        i == 0 ? "patch" : "get",
                        "deployments",
                        t.app(),
                        "kubectl/v1.29.4 (linux/amd64) kubernetes/55d3d4e",
                        null,
                        K8sPlan.TOKEN_SECRET);
                runnerLastUse[t.index()] = Math.max(runnerLastUse[t.index()], time);
                c.book.used(
                        plan.token(),
                        CredentialTypes.K8S_SA_TOKEN,
                        plan.account(K8sPlan.RUNNER),
                        Window.ms(time));
            }
            event(
                    plan,
                    w.at(d, r, 1, 4),
                    20,
                    plan.batchAccount(),
                    "list",
                    "jobs",
                    null,
                    "batch-controller/1.4.0",
                    plan.batchAccount()
                            + "-"
                            + SystemsIds.digits(r, 8)
                            + "-"
                            + SystemsIds.lowerAlnum(r, 5),
                    null);
        }
    }

    private void event(
            K8sPlan plan,
            long time,
            long part,
            String account,
            String verb,
            String resource,
            String name,
            String agent,
            String pod,
            String legacySecret) {
        Teams.Team t = plan.team();
        String ns = t.namespace();
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 6, time, t.index() * 32L + part);
        SplittableRandom r = new SplittableRandom(hash);
        String group =
                switch (resource) {
                    case "deployments" -> "apps";
                    case "jobs" -> "batch";
                    default -> "";
                };
        String base = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1";
        String uri = base + "/namespaces/" + ns + "/" + resource + (name == null ? "" : "/" + name);
        String received = micros(time, 10 + r.nextInt(200));
        String stage = micros(time, 400 + r.nextInt(500));
        String ip = "10." + (t.index() % 250) + "." + (part % 8) + "." + (20 + r.nextInt(200));
        c.log.add(
                AUDIT,
                t.cluster(),
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("kind", "Event");
                            g.writeStringField("apiVersion", "audit.k8s.io/v1");
                            g.writeStringField("level", "Metadata");
                            g.writeStringField("auditID", Ids.uuid(hash));
                            g.writeStringField("stage", "ResponseComplete");
                            g.writeStringField("requestURI", uri);
                            g.writeStringField("verb", verb);
                            g.writeObjectFieldStart("user");
                            g.writeStringField(
                                    "username", "system:serviceaccount:" + ns + ":" + account);
                            g.writeStringField("uid", Ids.uuid(hash + 1));
                            g.writeArrayFieldStart("groups");
                            g.writeString("system:serviceaccounts");
                            g.writeString("system:serviceaccounts:" + ns);
                            g.writeString("system:authenticated");
                            g.writeEndArray();
                            if (pod != null) {
                                g.writeObjectFieldStart("extra");
                                g.writeArrayFieldStart(
                                        "authentication.kubernetes.io/credential-id");
                                g.writeString("JTI=" + Ids.uuid(hash + 2));
                                g.writeEndArray();
                                g.writeArrayFieldStart("authentication.kubernetes.io/pod-name");
                                g.writeString(pod);
                                g.writeEndArray();
                                g.writeEndObject();
                            }
                            g.writeEndObject();
                            g.writeArrayFieldStart("sourceIPs");
                            g.writeString(ip);
                            g.writeEndArray();
                            g.writeStringField("userAgent", agent);
                            g.writeObjectFieldStart("objectRef");
                            g.writeStringField("resource", resource);
                            g.writeStringField("namespace", ns);
                            if (name != null) {
                                g.writeStringField("name", name);
                            }
                            g.writeStringField("apiGroup", group);
                            g.writeStringField("apiVersion", "v1");
                            g.writeEndObject();
                            g.writeObjectFieldStart("responseStatus");
                            g.writeObjectFieldStart("metadata");
                            g.writeEndObject();
                            g.writeNumberField("code", 200);
                            g.writeEndObject();
                            g.writeStringField("requestReceivedTimestamp", received);
                            g.writeStringField("stageTimestamp", stage);
                            g.writeObjectFieldStart("annotations");
                            g.writeStringField("authorization.k8s.io/decision", "allow");
                            g.writeStringField(
                                    "authorization.k8s.io/reason",
                                    "RBAC: allowed by binding of " + account);
                            if (legacySecret != null) {
                                g.writeStringField(
                                        "authentication.k8s.io/legacy-token-manual-secret",
                                        legacySecret);
                            }
                            g.writeEndObject();
                            g.writeEndObject();
                        }));
    }

    /** A time with microseconds below the millisecond, as the API server writes it. */
    private static String micros(long time, int micros) {
        String iso = TimeFormats.iso(time);
        return iso.substring(0, 19) + String.format(java.util.Locale.ROOT, ".%06dZ", micros);
    }

    /** Writes every cluster's listing as of the end. */
    void listings() throws IOException {
        K8sListing listing = new K8sListing(c);
        for (K8sPlan plan : plans) {
            listing.write(plan, runnerLastUse(plan));
        }
    }
}
