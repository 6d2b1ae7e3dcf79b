package io.keyline.demo.systems;

import com.fasterxml.jackson.core.JsonGenerator;
import io.keyline.demo.Names;
import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import io.keyline.demo.systems.GitHubPlan.Token;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes GitHub: the organization's audit log ({@code github-audit/acme/}, a file per day, as the
 * audit log stream delivers it) with the approvals of fine-grained tokens and the git operations
 * each token makes; the fine-grained tokens approved for the organization ({@code github-pats},
 * {@code GET /orgs/acme/personal-access-tokens}) and each team repository's deploy keys ({@code
 * github-deploy-keys}, {@code GET /repos/{owner}/{repo}/keys}) as of the end.
 */
final class GitHubWriter {

    static final String AUDIT = "github-audit";
    static final String PATS = "github-pats";
    static final String DEPLOY_KEYS = "github-deploy-keys";

    private static final String ORG = Names.GITHUB_ORG;

    private final Context c;
    private final List<GitHubPlan> plans = new ArrayList<>();
    private final long[] lastUse;

    GitHubWriter(Context c) {
        this.c = c;
        for (Teams.Team t : c.teams) {
            plans.add(GitHubPlan.of(c.w, t));
        }
        lastUse = new long[plans.size() * 2];
        java.util.Arrays.fill(lastUse, -1);
    }

    List<GitHubPlan> plans() {
        return plans;
    }

    void day(int d) {
        Window w = c.w;
        for (GitHubPlan plan : plans) {
            Teams.Team t = plan.team();
            SplittableRandom r = w.rng(SystemsSeeds.DAY, 4, t.index(), d);
            for (int k = 0; k < plan.tokens().size(); k++) {
                Token token = plan.tokens().get(k);
                if (token.approvedBy() >= 0
                        && token.granted() >= w.dayStart(d)
                        && token.granted() < w.dayStart(d + 1)) {
                    approved(plan, token);
                }
                for (int i = 0; i < token.usesPerDay(); i++) {
                    long time = w.at(d, r, 0, 24);
                    if (time > token.granted()) {
                        use(
                                t,
                                token.hashed(),
                                token.tokenId(),
                                token.owner(),
                                "Fine-grained personal access token",
                                null,
                                time,
                                i,
                                CredentialTypes.GITHUB_FINE_GRAINED_PAT);
                        lastUse[t.index() * 2 + k] = Math.max(lastUse[t.index() * 2 + k], time);
                    }
                }
            }
            for (int i = 0; i < 2; i++) {
                long time = w.at(d, r, 8, 20);
                use(
                        t,
                        Fingerprinter.githubHashedToken(plan.classicToken()),
                        null,
                        plan.classicOwner(),
                        "Personal access token",
                        "repo,read:org",
                        time,
                        10 + i,
                        CredentialTypes.GITHUB_PAT);
            }
        }
    }

    private void approved(GitHubPlan plan, Token token) {
        long time = token.granted();
        String owner = c.people.login(token.owner());
        String approver = c.people.login(token.approvedBy());
        line(
                plan.team(),
                time,
                1,
                g -> {
                    g.writeStringField("action", "personal_access_token.access_granted");
                    g.writeStringField("actor", approver);
                    g.writeNumberField("actor_id", 1000 + token.approvedBy());
                    g.writeBooleanField("actor_is_bot", false);
                    g.writeStringField("org", ORG);
                    g.writeNumberField("org_id", 7100001);
                    g.writeNumberField("token_id", Long.parseLong(token.tokenId()));
                    g.writeStringField("user", owner);
                    g.writeStringField("user_programmatic_access_name", token.name());
                    g.writeStringField("operation_type", "create");
                });
        c.book.created(
                token.patId(),
                CredentialTypes.GITHUB_FINE_GRAINED_PAT,
                CanonicalIds.githubUser(owner),
                millis(plan.team(), time, 1),
                owner);
    }

    private void use(
            Teams.Team t,
            String hashed,
            String tokenId,
            int person,
            String accessType,
            String scopes,
            long time,
            int part,
            String type) {
        String login = c.people.login(person);
        line(
                t,
                time,
                10 + part,
                g -> {
                    g.writeStringField("action", part % 2 == 0 ? "git.clone" : "git.push");
                    g.writeStringField("actor", login);
                    g.writeNumberField("actor_id", 1000 + person);
                    g.writeBooleanField("actor_is_bot", false);
                    g.writeStringField("actor_ip", "203.0.113." + (20 + person % 200));
                    g.writeStringField("hashed_token", hashed);
                    g.writeStringField("org", ORG);
                    g.writeNumberField("org_id", 7100001);
                    g.writeStringField("programmatic_access_type", accessType);
                    g.writeStringField("repo", t.repo());
                    g.writeStringField("repository", t.repo());
                    if (tokenId != null) {
                        g.writeNumberField("token_id", Long.parseLong(tokenId));
                    }
                    if (scopes != null) {
                        g.writeStringField("token_scopes", scopes);
                    }
                    g.writeStringField("transport_protocol_name", "http");
                    g.writeStringField("user_agent", "git/2.45.2");
                });
        String identity = CanonicalIds.githubUser(login);
        // A fine-grained token's calls name its id, so Keyline files them under the listing's id.
        String key =
                tokenId != null
                        ? CanonicalIds.githubPat(ORG, tokenId)
                        : CanonicalIds.githubToken(hashed);
        long at = millis(t, time, 10 + part);
        c.book.used(key, type, identity, at);
        // A personal token's user made it.
        c.book.credentialOwner(key, login, "creator", at);
        if (scopes != null) {
            c.book.granted(identity, TruthBook.Tier.HIGH);
        }
    }

    /** The epoch milliseconds GitHub stamps an event of that second with. */
    private long millis(Teams.Team t, long time, long part) {
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 5, time, t.index() * 32L + part);
        return time * 1000 + Math.floorMod(hash, 1000);
    }

    private void line(Teams.Team t, long time, long part, Output.JsonBody fields) {
        long hash = Seeds.of(c.w.seed, SystemsSeeds.EVENT, 5, time, t.index() * 32L + part);
        SplittableRandom r = new SplittableRandom(hash);
        String id = SystemsIds.lowerAlnum(r, 22);
        long millis = millis(t, time, part);
        c.log.add(
                AUDIT,
                ORG,
                time,
                Output.compact(
                        g -> {
                            g.writeStartObject();
                            g.writeNumberField("@timestamp", millis);
                            g.writeStringField("_document_id", id);
                            fields.write(g);
                            g.writeNumberField("created_at", millis);
                            g.writeEndObject();
                        }));
    }

    /** The token and deploy key listings as of the end. */
    void listings() throws IOException {
        long end = Window.ms(c.w.end);
        List<Token> all = new ArrayList<>();
        for (GitHubPlan plan : plans) {
            all.addAll(plan.tokens());
        }
        c.out.pretty(
                PATS,
                c.out.file(PATS, ORG, c.w.stamp + "-personal-access-tokens.json"),
                all.size(),
                g -> {
                    g.writeStartArray();
                    for (GitHubPlan plan : plans) {
                        for (int k = 0; k < plan.tokens().size(); k++) {
                            token(g, plan.tokens().get(k), lastUse[plan.team().index() * 2 + k]);
                        }
                    }
                    g.writeEndArray();
                });
        for (GitHubPlan plan : plans) {
            for (int k = 0; k < plan.tokens().size(); k++) {
                Token token = plan.tokens().get(k);
                long used = lastUse[plan.team().index() * 2 + k];
                String user = CanonicalIds.githubUser(c.people.login(token.owner()));
                c.book.observed(
                        token.patId(),
                        CredentialTypes.GITHUB_FINE_GRAINED_PAT,
                        user,
                        end,
                        expired(token) ? "Inactive" : "Active",
                        Window.ms(token.granted()),
                        used < 0 ? null : Window.ms(used));
                c.book.expires(
                        token.patId(), token.expires() < 0 ? null : Window.ms(token.expires()));
                c.book.granted(user, token.admin() ? TruthBook.Tier.HIGH : TruthBook.Tier.WRITE);
                c.book.credentialOwner(
                        token.patId(), c.people.login(token.owner()), "creator", end);
            }
            deployKey(plan);
        }
    }

    private boolean expired(Token token) {
        return token.expires() >= 0 && token.expires() <= c.w.end;
    }

    private void token(JsonGenerator g, Token token, long lastUsed) throws IOException {
        String login = c.people.login(token.owner());
        g.writeStartObject();
        g.writeNumberField("id", Long.parseLong(token.tokenId()) + 5_000_000L);
        g.writeObjectFieldStart("owner");
        g.writeStringField("login", login);
        g.writeNumberField("id", 1000 + token.owner());
        g.writeStringField("type", "User");
        g.writeBooleanField("site_admin", false);
        g.writeEndObject();
        g.writeStringField("repository_selection", "subset");
        g.writeStringField(
                "repositories_url",
                "https://api.github.com/organizations/7100001"
                        + "/personal-access-tokens/"
                        + token.tokenId()
                        + "/repositories");
        g.writeObjectFieldStart("permissions");
        g.writeObjectFieldStart("organization");
        g.writeStringField("members", "read");
        g.writeEndObject();
        g.writeObjectFieldStart("repository");
        g.writeStringField("contents", "write");
        g.writeStringField("metadata", "read");
        g.writeStringField("pull_requests", "write");
        if (token.admin()) {
            g.writeStringField("administration", "write");
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("access_granted_at", offset(token.granted()));
        g.writeNumberField("token_id", Long.parseLong(token.tokenId()));
        g.writeStringField("token_name", token.name());
        g.writeBooleanField("token_expired", expired(token));
        if (token.expires() < 0) {
            g.writeNullField("token_expires_at");
        } else {
            g.writeStringField("token_expires_at", offset(token.expires()));
        }
        if (lastUsed < 0) {
            g.writeNullField("token_last_used_at");
        } else {
            g.writeStringField("token_last_used_at", offset(lastUsed));
        }
        g.writeEndObject();
    }

    private void deployKey(GitHubPlan plan) throws IOException {
        Teams.Team t = plan.team();
        String[] repo = t.repo().split("/");
        String lead = c.people.login(t.lead());
        c.out.pretty(
                DEPLOY_KEYS,
                c.out.file(DEPLOY_KEYS, repo[0], repo[1], c.w.stamp + "-keys.json"),
                1,
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeNumberField("id", Long.parseLong(plan.deployKeyId()));
                    g.writeStringField(
                            "key",
                            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"
                                    + plan.deployKeyId()
                                    + "deploy");
                    g.writeStringField(
                            "url",
                            "https://api.github.com/repos/"
                                    + t.repo()
                                    + "/keys/"
                                    + plan.deployKeyId());
                    g.writeStringField("title", t.name() + " deploy");
                    g.writeBooleanField("verified", true);
                    g.writeStringField("created_at", TimeFormats.iso(plan.deployKeyCreated()));
                    g.writeBooleanField("read_only", plan.deployKeyReadOnly());
                    g.writeStringField("added_by", lead);
                    g.writeStringField("last_used", TimeFormats.iso(plan.deployKeyLastUsed()));
                    g.writeBooleanField("enabled", true);
                    g.writeEndObject();
                    g.writeEndArray();
                });
        long end = Window.ms(c.w.end);
        String repoId = CanonicalIds.githubRepo(t.repo());
        c.book.observed(
                plan.deployKey(),
                CredentialTypes.GITHUB_DEPLOY_KEY,
                repoId,
                end,
                "Active",
                Window.ms(plan.deployKeyCreated()),
                Window.ms(plan.deployKeyLastUsed()));
        c.book.credentialOwner(plan.deployKey(), lead, "creator", end);
        c.book.granted(
                repoId, plan.deployKeyReadOnly() ? TruthBook.Tier.READ : TruthBook.Tier.HIGH);
    }

    /** GitHub's REST time with an offset, {@code 2026-10-05T06:47:09.000-07:00}. */
    private static String offset(long time) {
        String iso = TimeFormats.iso(time - 7 * Window.HOUR);
        return iso.substring(0, 19) + ".000-07:00";
    }
}
