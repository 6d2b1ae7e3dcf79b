package io.keyline.aws;

import static io.keyline.aws.AwsWire.error;
import static io.keyline.aws.AwsWire.json;
import static io.keyline.aws.AwsWire.xml;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.FakeApi.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS on loopback, one endpoint for every service as an endpoint override makes it: each request is
 * told apart by the service of its Signature Version 4 scope, and answered in that service's own
 * protocol: IAM and STS (Query: forms, XML), Secrets Manager and Organizations (JSON 1.1), SQS
 * (JSON 1.0) and S3 (REST-XML). Requests must be signed with a key the fake issued: the base key of
 * the caller's account, or the session key of a role it let the caller assume, with its session
 * token. Every request is recorded with the key that signed it; throttling and refusals can be
 * planted per action.
 */
public final class FakeAws implements AutoCloseable {

    /** The caller's own key, as a test's static credentials or system properties give it. */
    public static final String BASE_KEY_ID = "AKIAKEYLINEBASE00001";

    public static final String BASE_SECRET = "base-secret-key/do-not-log/0123456789abcdef";

    /** The account of the base key. */
    public static final String CALLER_ACCOUNT = "999988887777";

    /** The role the fake lets the caller assume in the accounts that trust it. */
    public static final String ROLE = "KeylineCollector";

    private static final Pattern SCOPE =
            Pattern.compile("Credential=([A-Z0-9]+)/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");

    /** One request as AWS saw it: the action, the key that signed it, the parameters. */
    public record Call(
            String action,
            String keyId,
            String sessionToken,
            String account,
            Map<String, String> params) {}

    private final FakeApi api;
    private final FakeIam iam = new FakeIam();
    private final FakeSecrets secrets = new FakeSecrets();
    private final FakeTrail trail;
    private final Map<String, String> accountOfKey = new ConcurrentHashMap<>();
    private final Map<String, String> tokenOfKey = new ConcurrentHashMap<>();
    private final Map<String, String> trust = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> organization = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> trustLeft = new ConcurrentHashMap<>();
    private volatile boolean answer429;
    private volatile int sessionSeconds = 3600;

    public FakeAws() throws java.io.IOException {
        api = new FakeApi();
        trail = new FakeTrail(api, this::handle);
        accountOfKey.put(BASE_KEY_ID, CALLER_ACCOUNT);
        api.route("/", this::handle);
    }

    /** The endpoint of every service. */
    public java.net.URI url() {
        return api.url();
    }

    /** An account with the fixtures' IAM estate and secrets, whose role trusts the caller. */
    public FakeAws account(String account) {
        iam.add(account);
        secrets.add(account);
        trust.put(account, "");
        return this;
    }

    /** Makes the account's role require an external id. */
    public FakeAws externalId(String account, String externalId) {
        trust.put(account, externalId);
        return this;
    }

    /** Lets the account's role be assumed {@code times} more times; then it is refused. */
    public FakeAws trustTimes(String account, int times) {
        trustLeft.put(account, new AtomicInteger(times));
        return this;
    }

    /** Issues sessions that last {@code seconds}: short ones the SDK renews before each call. */
    public FakeAws sessionSeconds(int seconds) {
        sessionSeconds = seconds;
        return this;
    }

    /** An account whose role does not trust the caller: AssumeRole is refused. */
    public FakeAws untrusted(String account) {
        iam.add(account);
        secrets.add(account);
        trust.remove(account);
        return this;
    }

    /** The organization's accounts ListAccounts returns, with a suspended one among them. */
    public FakeAws organization(String... accounts) {
        organization.addAll(List.of(accounts));
        return this;
    }

    /**
     * Answers the next {@code times} requests of {@code action} ({@code iam:ListUsers}) as
     * throttled.
     */
    public FakeAws throttle(String action, int times) {
        throttled.put(action, new AtomicInteger(times));
        return this;
    }

    /** Throttles with HTTP 429, not the service's own throttling error. */
    public FakeAws throttleWith429() {
        answer429 = true;
        return this;
    }

    /** Refuses {@code action} in {@code account} (AccessDenied). */
    public FakeAws deny(String action, String account) {
        denied.add(action + "@" + account);
        return this;
    }

    public FakeIam iam() {
        return iam;
    }

    public FakeSecrets secrets() {
        return secrets;
    }

    public FakeTrail trail() {
        return trail;
    }

    /** Every request, in order. */
    public List<Call> calls() {
        synchronized (calls) {
            return new ArrayList<>(calls);
        }
    }

    /** The requests of one action ({@code sts:AssumeRole}), in order. */
    public List<Call> calls(String action) {
        return calls().stream().filter(c -> c.action().equals(action)).toList();
    }

    /** The session key the fake issued for a role in {@code account}. */
    public static String sessionKeyId(String account) {
        return "ASIA" + "ROLE" + account;
    }

    /** The secret of the session key of {@code account}; it must never be written anywhere. */
    public static String sessionSecret(String account) {
        return "session-secret/" + account + "/do-not-log";
    }

    /** The session token of the session key of {@code account}; never to be written either. */
    public static String sessionToken(String account) {
        return "FwoGZXIvYXdzEKeylineSessionToken" + account + "DoNotLog==";
    }

    private Answer handle(FakeApi.Request r) {
        Matcher scope = SCOPE.matcher(String.valueOf(r.header("Authorization")));
        if (!scope.find()) {
            return new Answer(403, Map.of(), new byte[0]);
        }
        String keyId = scope.group(1);
        String service = scope.group(3);
        String token = r.header("X-Amz-Security-Token");
        Map<String, String> params = params(service, r);
        String action = service + ":" + params.getOrDefault("Action", "");
        String account = accountOfKey.get(keyId);
        calls.add(new Call(action, keyId, token, account, params));

        // The key must be one the fake issued, with its session token.
        if (account == null
                || (tokenOfKey.containsKey(keyId) && !tokenOfKey.get(keyId).equals(token))) {
            return error(
                    service,
                    403,
                    "InvalidClientTokenId",
                    "The security token included in the request is invalid.");
        }
        AtomicInteger throttle = throttled.get(action);
        if (throttle != null && throttle.getAndDecrement() > 0) {
            return throttling(service);
        }
        if (denied.contains(action + "@" + account)) {
            return error(
                    service,
                    403,
                    service.equals("secretsmanager") || service.equals("organizations")
                            ? "AccessDeniedException"
                            : "AccessDenied",
                    "User: arn:aws:sts::"
                            + account
                            + ":assumed-role/"
                            + ROLE
                            + "/keyline-collector is not authorized to perform: "
                            + action
                            + " because no identity-based policy allows the "
                            + action
                            + " action");
        }
        switch (service) {
            case "sts":
                return sts(params, account);
            case "iam":
                return iam.answer(params, account);
            case "secretsmanager":
                return secrets.answer(params, account, scope.group(2));
            case "organizations":
                return organizations(account);
            case "sqs":
                return trail.sqs(params);
            case "s3":
                return trail.s3(r, params);
            default:
                return error(service, 400, "UnknownOperation", "No such service");
        }
    }

    /** The parameters of a request, with its action under {@code Action}, whatever the protocol. */
    private static Map<String, String> params(String service, FakeApi.Request r) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        if (service.equals("iam") || service.equals("sts")) {
            params.putAll(AwsWire.form(r.text()));
        } else if (service.equals("s3")) {
            if (r.query() != null) {
                params.putAll(AwsWire.form(r.query()));
            }
            params.put("Action", params.containsKey("list-type") ? "ListBucket" : "GetObject");
            params.put("Path", r.path());
        } else {
            String target = String.valueOf(r.header("X-Amz-Target"));
            params.put("Action", target.substring(target.indexOf('.') + 1));
            params.put("Body", r.text());
            params.put("Content-Type", r.header("Content-Type"));
        }
        return params;
    }

    private Answer sts(Map<String, String> params, String caller) {
        String ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        if (params.get("Action").equals("GetCallerIdentity")) {
            return xml(
                    200,
                    AwsWire.queryAnswer(
                            "GetCallerIdentity",
                            ns,
                            AwsWire.element("Arn", "arn:aws:iam::" + caller + ":user/keyline")
                                    + AwsWire.element("UserId", "AIDAKEYLINECALLER0001")
                                    + AwsWire.element("Account", caller)));
        }
        String arn = params.getOrDefault("RoleArn", "");
        Matcher m = Pattern.compile("arn:aws:iam::(\\d{12}):role/(.+)").matcher(arn);
        String account = m.matches() ? m.group(1) : "";
        String expected = trust.get(account);
        AtomicInteger left = trustLeft.get(account);
        if (left != null && left.getAndDecrement() <= 0) {
            expected = null;
        }
        if (!m.matches()
                || !m.group(2).equals(ROLE)
                || expected == null
                || !expected.equals(params.getOrDefault("ExternalId", ""))) {
            return xml(
                    403,
                    AwsWire.queryError(
                            ns,
                            "AccessDenied",
                            "User: arn:aws:iam::"
                                    + caller
                                    + ":user/keyline is not authorized to perform:"
                                    + " sts:AssumeRole on resource: "
                                    + arn));
        }
        String keyId = sessionKeyId(account);
        accountOfKey.put(keyId, account);
        tokenOfKey.put(keyId, sessionToken(account));
        return xml(
                200,
                AwsWire.queryAnswer(
                        "AssumeRole",
                        ns,
                        "<AssumedRoleUser>"
                                + AwsWire.element(
                                        "AssumedRoleId",
                                        "AROAKEYLINEROLE00001:" + params.get("RoleSessionName"))
                                + AwsWire.element(
                                        "Arn",
                                        "arn:aws:sts::"
                                                + account
                                                + ":assumed-role/"
                                                + ROLE
                                                + "/"
                                                + params.get("RoleSessionName"))
                                + "</AssumedRoleUser><Credentials>"
                                + AwsWire.element("AccessKeyId", keyId)
                                + AwsWire.element("SecretAccessKey", sessionSecret(account))
                                + AwsWire.element("SessionToken", sessionToken(account))
                                + AwsWire.element(
                                        "Expiration",
                                        Instant.now().plusSeconds(sessionSeconds).toString())
                                + "</Credentials>"));
    }

    private Answer organizations(String caller) {
        ObjectNode page = Json.MAPPER.createObjectNode();
        var accounts = page.putArray("Accounts");
        for (int i = 0; i < organization.size(); i++) {
            String id = organization.get(i);
            accounts.addObject()
                    .put("Id", id)
                    .put("Arn", "arn:aws:organizations::" + caller + ":account/o-keyline0001/" + id)
                    .put("Email", "aws+" + id + "@example.com")
                    .put("Name", "account-" + i)
                    .put("Status", i == organization.size() - 1 ? "SUSPENDED" : "ACTIVE")
                    .put("JoinedMethod", "CREATED")
                    .put("JoinedTimestamp", 1.7e9);
        }
        return json("application/x-amz-json-1.1", page);
    }

    private Answer throttling(String service) {
        if (answer429) {
            return new Answer(
                    429,
                    Map.of("Content-Type", "application/json"),
                    "{\"message\":\"Too Many Requests\"}".getBytes(StandardCharsets.UTF_8));
        }
        switch (service) {
            case "iam":
            case "sts":
                return error(service, 400, "Throttling", "Rate exceeded");
            case "s3":
                return error(service, 503, "SlowDown", "Please reduce your request rate.");
            case "organizations":
                return error(service, 400, "TooManyRequestsException", "Rate exceeded");
            case "sqs":
                return error(service, 400, "RequestThrottled", "Rate exceeded");
            default:
                return error(service, 400, "ThrottlingException", "Rate exceeded");
        }
    }

    @Override
    public void close() {
        api.close();
    }
}
