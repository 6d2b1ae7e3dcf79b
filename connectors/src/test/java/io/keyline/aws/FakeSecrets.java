package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.Timestamps;
import io.keyline.source.poll.FakeApi.Answer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secrets Manager's JSON 1.1 API for the fake: in {@link #REGION}, the project's {@code
 * list-secrets} example moved to each account, its dates as the API sends them (epoch seconds),
 * paged by {@code MaxResults} with an opaque {@code NextToken}; no secrets in other regions. It
 * also answers {@code GetSecretValue} with a value, so that a collector that asked would be caught
 * by the values it wrote.
 */
public final class FakeSecrets {

    /** The region of the example's secrets. */
    public static final String REGION = "eu-central-1";

    /** The value of every secret, which no collector may ever ask for or write. */
    public static final String VALUE = "{\"password\":\"sm-value-never-collected-5d1c9e\"}";

    private static final Set<String> DATES =
            Set.of(
                    "CreatedDate",
                    "LastChangedDate",
                    "LastAccessedDate",
                    "LastRotatedDate",
                    "DeletedDate",
                    "NextRotationDate");

    private final List<String> accounts = new java.util.concurrent.CopyOnWriteArrayList<>();

    void add(String account) {
        accounts.add(account);
    }

    /** The example's listing moved to {@code account}, as the CLI prints it. */
    public static String listing(String account) {
        return FakeIam.text("/fixtures/aws/secretsmanager/list-secrets-cli-v2.json")
                .replace(FakeIam.REPORT_ACCOUNT, account);
    }

    Answer answer(Map<String, String> params, String account, String region) {
        JsonNode request = FakeIam.json(params.get("Body"));
        String action = params.get("Action");
        if (action.equals("GetSecretValue") || action.equals("BatchGetSecretValue")) {
            ObjectNode value =
                    Json.MAPPER
                            .createObjectNode()
                            .put("ARN", request.path("SecretId").asText())
                            .put("Name", request.path("SecretId").asText())
                            .put("SecretString", VALUE)
                            .put("CreatedDate", 1.7e9);
            return AwsWire.json("application/x-amz-json-1.1", value);
        }
        if (!action.equals("ListSecrets")) {
            return AwsWire.error(
                    "secretsmanager", 400, "InvalidRequestException", "No action " + action);
        }
        List<JsonNode> secrets = new ArrayList<>();
        if (region.equals(REGION) && accounts.contains(account)) {
            for (JsonNode secret : FakeIam.json(listing(account)).get("SecretList")) {
                secrets.add(onTheWire((ObjectNode) secret.deepCopy()));
            }
        }
        int from =
                request.hasNonNull("NextToken")
                        ? Integer.parseInt(
                                new String(
                                        Base64.getDecoder()
                                                .decode(request.get("NextToken").asText()),
                                        StandardCharsets.UTF_8))
                        : 0;
        int max = request.path("MaxResults").asInt(100);
        int to = Math.min(from + max, secrets.size());
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode list = page.putArray("SecretList");
        secrets.subList(from, to).forEach(list::add);
        if (to < secrets.size()) {
            page.put(
                    "NextToken",
                    Base64.getEncoder()
                            .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)));
        }
        return AwsWire.json("application/x-amz-json-1.1", page);
    }

    /** A secret as the API sends it: dates in epoch seconds with their fractions. */
    private static JsonNode onTheWire(ObjectNode secret) {
        for (String field : DATES) {
            JsonNode date = secret.get(field);
            if (date != null && date.isTextual()) {
                long millis = Timestamps.parse(date.asText());
                secret.put(field, BigDecimal.valueOf(millis).movePointLeft(3));
            }
        }
        return secret;
    }
}
