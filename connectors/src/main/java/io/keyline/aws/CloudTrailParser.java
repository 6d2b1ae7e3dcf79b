package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;

/**
 * AWS CloudTrail events, in the containers they arrive in: S3 delivery files ({@code
 * {"Records":[...]}}), one event per line (CloudWatch, Kafka), and EventBridge envelopes ({@code
 * {"detail-type":..., "detail":{...}}}).
 *
 * <p>Every call of an identity of the estate is a {@code USED} fact: on the long-term access key it
 * was made with, or, for a temporary session, on the role or user behind it. The consumer is the
 * source address, the user agent and the session's workload. IAM and STS calls add what they change
 * ({@link CloudTrailIamFacts}). Calls by AWS services themselves count for nobody.
 *
 * <p>Session tokens, which CloudTrail logs in the responses of {@code AssumeRole} and {@code
 * GetSessionToken}, are never read: only named fields are mapped.
 */
@Internal
public final class CloudTrailParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "cloudtrail";

    private static final int MAX_USER_AGENT = 512;

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        if (root.isObject() && root.has("Records")) {
            JsonNode records = root.get("Records");
            if (!records.isArray()) {
                out.reject(
                        "the Records field of a CloudTrail file is not an array",
                        record.getPayload());
                return;
            }
            for (JsonNode event : records) {
                parseEvent(event, bytes(event), out);
            }
        } else if (root.isObject() && root.has("detail-type")) {
            JsonNode detail = root.get("detail");
            if (detail == null || !detail.isObject()) {
                out.reject("an EventBridge envelope has no detail object", record.getPayload());
                return;
            }
            parseEvent(detail, record.getPayload(), out);
        } else if (root.isObject() && root.has("digestStartTime")) {
            // A CloudTrail digest file holds hashes of log files, not events.
            return;
        } else if (root.isArray()) {
            for (JsonNode event : root) {
                parseEvent(event, bytes(event), out);
            }
        } else {
            parseEvent(root, record.getPayload(), out);
        }
    }

    private static void parseEvent(JsonNode event, byte[] payload, ParseOutput out) {
        if (!event.isObject()) {
            out.reject("a CloudTrail event is not a JSON object", payload);
            return;
        }
        JsonNode timeNode = event.get("eventTime");
        if (timeNode == null || timeNode.isNull()) {
            out.reject("a CloudTrail event has no eventTime", payload);
            return;
        }
        if (!timeNode.isTextual()) {
            out.reject("the eventTime of a CloudTrail event is not a string", payload);
            return;
        }
        long time;
        try {
            time = Timestamps.parse(timeNode.asText());
        } catch (IllegalArgumentException e) {
            out.reject("the eventTime of a CloudTrail event is not a time stamp", payload);
            return;
        }
        String name = Json.text(event, "eventName");
        if (name == null) {
            out.reject("a CloudTrail event has no eventName", payload);
            return;
        }
        JsonNode identity = event.get("userIdentity");
        if (identity == null || !identity.isObject()) {
            out.reject(
                    identity == null
                            ? "a CloudTrail event has no userIdentity"
                            : "the userIdentity of a CloudTrail event is not an object",
                    payload);
            return;
        }
        for (String field : new String[] {"requestParameters", "responseElements"}) {
            JsonNode part = event.get(field);
            if (part != null && !part.isNull() && !part.isObject()) {
                out.reject("the " + field + " of a CloudTrail event is not an object", payload);
                return;
            }
        }

        CloudTrailCaller caller = CloudTrailCaller.of(identity);
        String nativeId = Json.text(event, "eventID");
        String account = Json.text(event, "recipientAccountId");
        if (account == null) {
            account = caller.account();
        }
        CloudTrailEvent e =
                new CloudTrailEvent(
                        nativeId != null
                                ? EventIds.of(SOURCE, nativeId, 0)
                                : EventIds.hashed(SOURCE, event.toString()),
                        time,
                        name,
                        account,
                        Json.text(event, "awsRegion"),
                        errorCode(event),
                        caller,
                        Json.object(event, "requestParameters"),
                        Json.object(event, "responseElements"),
                        Json.text(event, "sourceIPAddress"),
                        Json.clip(Json.text(event, "userAgent"), MAX_USER_AGENT),
                        payload,
                        out);

        // The call itself: a use of the caller's key, or of the identity behind its session.
        if (caller.countsAsUse() && !isFailedLogin(name, e)) {
            e.emit(use(e, event));
        }

        // What the call changed.
        CloudTrailIamFacts.emit(e);
    }

    private static IdentityEvent use(CloudTrailEvent e, JsonNode event) {
        String service = serviceOf(Json.text(event, "eventSource"));
        IdentityEvent used =
                e.next(EventKind.USED)
                        .identity(e.caller.identityId())
                        .consumer(consumer(e, e.caller.workload()))
                        .action(service + ":" + e.name)
                        .resource(CloudTrailResources.of(event, e.account, e.region))
                        .attribute(Attributes.REGION, e.region)
                        .attribute(Attributes.ERROR_CODE, e.errorCode)
                        .attribute(Attributes.SESSION, e.caller.session());
        if (e.caller.account() != null) {
            // A key belongs to the caller's account, which differs from the recipient's when the
            // call crosses accounts.
            used.attribute(Attributes.ACCOUNT, e.caller.account());
        }
        if (e.caller.keyId() != null) {
            used.credential(
                    CanonicalIds.awsAccessKey(e.caller.keyId()), CredentialTypes.AWS_ACCESS_KEY);
        }
        return used;
    }

    /** The consumer of a call, or null when the event names no address, agent or workload. */
    static Consumer consumer(CloudTrailEvent e, String workload) {
        if (e.sourceIp == null && e.userAgent == null && workload == null) {
            return null;
        }
        return new Consumer(e.sourceIp, e.userAgent, workload);
    }

    /** A console sign-in that failed authenticated nobody. */
    private static boolean isFailedLogin(String name, CloudTrailEvent e) {
        return name.equals("ConsoleLogin")
                && "Failure".equals(Json.text(e.response, "ConsoleLogin"));
    }

    private static String errorCode(JsonNode event) {
        String code = Json.text(event, "errorCode");
        if (code == null
                && "Failure".equals(Json.text(event, "responseElements", "ConsoleLogin"))) {
            return "ConsoleLoginFailure";
        }
        return code;
    }

    /** {@code s3} for {@code s3.amazonaws.com}. */
    private static String serviceOf(String eventSource) {
        if (eventSource == null) {
            return "unknown";
        }
        int dot = eventSource.indexOf('.');
        return dot > 0 ? eventSource.substring(0, dot) : eventSource;
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
