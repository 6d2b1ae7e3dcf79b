package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.source.poll.FakeApi.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * IAM's Query API for the fake, per account, answering with the AWS CLI documentation's examples
 * moved to that account: the users, groups, roles and policies of {@code
 * get-account-authorization-details} (pages of {@code MaxItems} entries over the four lists, policy
 * documents URL-encoded), Bob's two keys of {@code list-access-keys} with the last use of {@code
 * get-access-key-last-used} for the first (the other was never used: {@code N/A}), and the
 * project's credential report, which is {@code STARTED} at the first request and then {@code
 * COMPLETE}.
 */
public final class FakeIam {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    /** The account of the documentation's example of the authorization details. */
    static final String DETAILS_ACCOUNT = "123456789012";

    /** The account of the project's credential report and secrets. */
    static final String REPORT_ACCOUNT = "111122223333";

    /** When the credential report was generated. */
    public static final String REPORT_TIME = "2026-11-01T06:00:00Z";

    private final Map<String, Integer> reportRequests = new ConcurrentHashMap<>();
    private volatile int reportInProgress = 1;
    private final Map<String, Integer> index = new ConcurrentHashMap<>();

    /** Answers that many requests for a credential report with STARTED (one by default). */
    public FakeIam reportInProgress(int requests) {
        reportInProgress = requests;
        return this;
    }

    void add(String account) {
        index.putIfAbsent(account, index.size());
    }

    /** The authorization details of the documentation's example, moved to {@code account}. */
    public static String details(String account) {
        return text("/fixtures/aws/awscli-get-account-authorization-details.json")
                .replace(DETAILS_ACCOUNT, account);
    }

    /** The project's credential report, moved to {@code account}. */
    public static String report(String account) {
        return text("/fixtures/aws/credential-report.csv").replace(REPORT_ACCOUNT, account);
    }

    /** The keys of {@code list-access-keys}: the documentation's ids in the first account. */
    public String keys(String account) {
        String keys = text("/fixtures/aws/awscli-list-access-keys.json");
        int i = index.getOrDefault(account, 0);
        return i == 0 ? keys : keys.replace("EXAMPLE\"", "EXAMPL" + i + "\"");
    }

    Answer answer(Map<String, String> params, String account) {
        String action = params.get("Action");
        switch (action) {
            case "GetAccountAuthorizationDetails":
                return authorizationDetails(params, account);
            case "ListUsers":
                return listUsers(params, account);
            case "ListAccessKeys":
                return listAccessKeys(params, account);
            case "GetAccessKeyLastUsed":
                return lastUsed(params, account);
            case "GenerateCredentialReport":
                int n = reportRequests.merge(account, 1, Integer::sum);
                return ok(
                        action,
                        AwsWire.element("State", n <= reportInProgress ? "STARTED" : "COMPLETE")
                                + AwsWire.element(
                                        "Description",
                                        "No report exists. Starting a new"
                                                + " report generation task"));
            case "GetCredentialReport":
                String content =
                        Base64.getEncoder()
                                .encodeToString(report(account).getBytes(StandardCharsets.UTF_8));
                return ok(
                        action,
                        AwsWire.element("Content", content)
                                + AwsWire.element("ReportFormat", "text/csv")
                                + AwsWire.element("GeneratedTime", REPORT_TIME));
            default:
                return AwsWire.error("iam", 400, "InvalidAction", "No action " + action);
        }
    }

    private Answer authorizationDetails(Map<String, String> params, String account) {
        JsonNode details = json(details(account));
        // The entries of the four lists, in turn, paged together as the API pages them.
        String[] lists = {"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"};
        List<String[]> entries = new ArrayList<>();
        for (String list : lists) {
            for (JsonNode e : details.get(list)) {
                entries.add(new String[] {list, AwsWire.element("member", e)});
            }
        }
        int from = params.containsKey("Marker") ? Integer.parseInt(params.get("Marker")) : 0;
        int max = Integer.parseInt(params.getOrDefault("MaxItems", "100"));
        int to = Math.min(from + max, entries.size());
        StringBuilder result = new StringBuilder();
        for (String list : lists) {
            result.append('<').append(list).append('>');
            for (String[] e : entries.subList(from, to)) {
                if (e[0].equals(list)) {
                    result.append(e[1]);
                }
            }
            result.append("</").append(list).append('>');
        }
        return ok("GetAccountAuthorizationDetails", result + truncation(to, entries.size()));
    }

    private Answer listUsers(Map<String, String> params, String account) {
        List<JsonNode> users = new ArrayList<>();
        json(details(account)).get("UserDetailList").forEach(users::add);
        int from = params.containsKey("Marker") ? Integer.parseInt(params.get("Marker")) : 0;
        int max = Integer.parseInt(params.getOrDefault("MaxItems", "100"));
        int to = Math.min(from + max, users.size());
        StringBuilder result = new StringBuilder("<Users>");
        for (JsonNode u : users.subList(from, to)) {
            Map<String, JsonNode> user = new LinkedHashMap<>();
            for (String f : List.of("Path", "UserName", "UserId", "Arn", "CreateDate")) {
                user.put(f, u.get(f));
            }
            result.append(AwsWire.element("member", Json.MAPPER.valueToTree(user)));
        }
        return ok("ListUsers", result + "</Users>" + truncation(to, users.size()));
    }

    private Answer listAccessKeys(Map<String, String> params, String account) {
        String user = params.get("UserName");
        StringBuilder result = new StringBuilder("<AccessKeyMetadata>");
        for (JsonNode key : json(keys(account)).get("AccessKeyMetadata")) {
            if (key.get("UserName").asText().equals(user)) {
                result.append(AwsWire.element("member", key));
            }
        }
        return ok(
                "ListAccessKeys", result + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>");
    }

    private Answer lastUsed(Map<String, String> params, String account) {
        String keyId = params.get("AccessKeyId");
        for (JsonNode key : json(keys(account)).get("AccessKeyMetadata")) {
            if (!key.get("AccessKeyId").asText().equals(keyId)) {
                continue;
            }
            JsonNode used = json(text("/fixtures/aws/awscli-get-access-key-last-used.json"));
            boolean first = keyId.startsWith("AKIAIOSFODNN7");
            String lastUsed =
                    first
                            ? AwsWire.element("AccessKeyLastUsed", used.get("AccessKeyLastUsed"))
                            : "<AccessKeyLastUsed><Region>N/A</Region><ServiceName>N/A</ServiceName>"
                                    + "</AccessKeyLastUsed>";
            return ok(
                    "GetAccessKeyLastUsed",
                    lastUsed + AwsWire.element("UserName", key.get("UserName").asText()));
        }
        return AwsWire.error(
                "iam", 404, "NoSuchEntity", "The Access Key with id " + keyId + " cannot be found");
    }

    private static String truncation(int to, int size) {
        return to < size
                ? "<IsTruncated>true</IsTruncated>"
                        + AwsWire.element("Marker", Integer.toString(to))
                : "<IsTruncated>false</IsTruncated>";
    }

    private static Answer ok(String action, String result) {
        return AwsWire.xml(200, AwsWire.queryAnswer(action, NAMESPACE, result));
    }

    static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String resource) {
        try (java.io.InputStream in = FakeIam.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.read(text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedRecordException e) {
            throw new IllegalStateException("a fixture is not JSON", e);
        }
    }
}
