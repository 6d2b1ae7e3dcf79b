package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.CanonicalIds;

/**
 * The resource a CloudTrail call touched, as an ARN where one can be formed: the event's own {@code
 * resources} list (data events name what they touched there), else the request parameter that names
 * the target of common calls (a role, a policy, a bucket and key, a secret, a function, a table, a
 * user...).
 */
final class CloudTrailResources {

    private CloudTrailResources() {}

    static String of(JsonNode event, String account, String region) {
        JsonNode listed = event.get("resources");
        if (listed != null && listed.isArray()) {
            String best = null;
            for (JsonNode r : listed) {
                String arn = Json.text(r, "ARN");
                if (arn == null) {
                    arn = Json.text(r, "arn");
                }
                // Prefer the most specific resource: an object over its bucket.
                if (arn != null && (best == null || arn.length() > best.length())) {
                    best = arn;
                }
            }
            if (best != null) {
                return best;
            }
        }
        JsonNode p = Json.object(event, "requestParameters");
        if (p == null) {
            return null;
        }
        String direct = firstText(p, "roleArn", "policyArn", "topicArn", "queueUrl", "resourceArn");
        if (direct != null) {
            return direct;
        }
        String bucket = Json.text(p, "bucketName");
        if (bucket != null) {
            String key = Json.text(p, "key");
            return "arn:aws:s3:::" + bucket + (key == null ? "" : "/" + key);
        }
        String secret = Json.text(p, "secretId");
        if (secret == null) {
            JsonNode list = p.get("secretIdList");
            if (list != null && list.isArray() && list.size() > 0 && list.get(0).isTextual()) {
                secret = list.get(0).asText();
            }
        }
        if (secret != null) {
            return arnOr(secret, "secretsmanager", region, account, "secret:" + secret);
        }
        String function = Json.text(p, "functionName");
        if (function != null) {
            return arnOr(function, "lambda", region, account, "function:" + function);
        }
        String table = Json.text(p, "tableName");
        if (table != null) {
            return arnOr(table, "dynamodb", region, account, "table/" + table);
        }
        if (account != null) {
            String user = Json.text(p, "userName");
            if (user != null) {
                return CanonicalIds.awsUser(account, user);
            }
            String role = Json.text(p, "roleName");
            if (role != null) {
                return CanonicalIds.awsRole(account, role);
            }
            String group = Json.text(p, "groupName");
            if (group != null) {
                return CanonicalIds.awsGroup(account, group);
            }
        }
        return null;
    }

    private static String arnOr(
            String value, String service, String region, String account, String resource) {
        if (value.startsWith("arn:")) {
            return value;
        }
        return "arn:aws:"
                + service
                + ":"
                + (region == null ? "" : region)
                + ":"
                + (account == null ? "" : account)
                + ":"
                + resource;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = Json.text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
