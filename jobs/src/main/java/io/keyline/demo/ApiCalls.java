package io.keyline.demo;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Fills a record for an everyday call (S3, DynamoDB, Secrets Manager, IAM, STS identity) with the
 * request parameters, response elements and resources CloudTrail prints for it.
 */
final class ApiCalls {

    private static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

    private ApiCalls() {}

    /**
     * @param principalArn who calls, for the access-denied message
     */
    static void fill(
            CloudTrailEvent ev,
            ApiCall call,
            Workload w,
            String principalArn,
            boolean failed,
            SplittableRandom r) {
        ev.service = call.service();
        ev.eventName = call.eventName();
        ev.readOnly = call.readOnly();
        ev.data = call.data();
        String resource;
        switch (call) {
            case GET_OBJECT:
            case PUT_OBJECT:
                resource = object(ev, call, w, r);
                break;
            case LIST_OBJECTS:
                resource = listObjects(ev, w, r);
                break;
            case GET_ITEM:
            case PUT_ITEM:
                resource = item(ev, call, w);
                break;
            case GET_SECRET_VALUE:
                String secret = w.secretId();
                ev.requestParameters =
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("secretId", secret);
                            g.writeEndObject();
                        };
                ev.tlsHost = "secretsmanager." + w.region() + ".amazonaws.com";
                resource =
                        "arn:aws:secretsmanager:"
                                + w.region()
                                + ":"
                                + w.accountId()
                                + ":secret:"
                                + secret;
                break;
            case GET_CALLER_IDENTITY:
                ev.tlsHost = "sts." + w.region() + ".amazonaws.com";
                resource = "*";
                break;
            case LIST_USERS:
            case GET_USER:
            case LIST_ROLES:
                ev.tlsHost = "iam.amazonaws.com";
                resource = "arn:aws:iam::" + w.accountId() + ":user/";
                break;
            default:
                throw new IllegalArgumentException(call + " is not an everyday call.");
        }
        if (failed) {
            ev.deny(
                    call.service() == Service.S3
                            ? "Access Denied"
                            : "User: "
                                    + principalArn
                                    + " is not authorized to perform: "
                                    + call.action()
                                    + " on resource: "
                                    + resource
                                    + " because no identity-based policy allows the "
                                    + call.action()
                                    + " action");
        }
    }

    private static String object(CloudTrailEvent ev, ApiCall call, Workload w, SplittableRandom r) {
        String bucket = w.bucket(r);
        String key = w.objectKey(r, ev.time);
        String host = bucket + ".s3." + w.region() + ".amazonaws.com";
        String objectArn = "arn:aws:s3:::" + bucket + "/" + key;
        ev.requestId = Ids.s3RequestId(r);
        ev.tlsHost = host;
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("bucketName", bucket);
                    g.writeStringField("Host", host);
                    g.writeStringField("key", key);
                    g.writeEndObject();
                };
        if (call == ApiCall.PUT_OBJECT) {
            ev.responseElements =
                    g -> {
                        g.writeStartObject();
                        g.writeStringField("x-amz-server-side-encryption", "AES256");
                        g.writeEndObject();
                    };
        }
        String account = w.accountId();
        ev.resources =
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringField("type", "AWS::S3::Object");
                    g.writeStringField("ARN", objectArn);
                    g.writeEndObject();
                    bucketResource(g, account, bucket);
                    g.writeEndArray();
                };
        return objectArn;
    }

    private static String listObjects(CloudTrailEvent ev, Workload w, SplittableRandom r) {
        String bucket = w.bucket(r);
        String host = bucket + ".s3." + w.region() + ".amazonaws.com";
        String prefix = w.app() + "/";
        ev.requestId = Ids.s3RequestId(r);
        ev.tlsHost = host;
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("bucketName", bucket);
                    g.writeStringField("Host", host);
                    g.writeStringField("prefix", prefix);
                    g.writeStringField("list-type", "2");
                    g.writeEndObject();
                };
        String account = w.accountId();
        ev.resources =
                g -> {
                    g.writeStartArray();
                    bucketResource(g, account, bucket);
                    g.writeEndArray();
                };
        return "arn:aws:s3:::" + bucket;
    }

    private static String item(CloudTrailEvent ev, ApiCall call, Workload w) {
        String table = w.table();
        String tableArn = w.tableArn();
        String account = w.accountId();
        ev.tlsHost = "dynamodb." + w.region() + ".amazonaws.com";
        ev.requestParameters =
                g -> {
                    g.writeStartObject();
                    g.writeStringField("tableName", table);
                    g.writeObjectFieldStart("key");
                    g.writeStringField("pk", HIDDEN);
                    g.writeEndObject();
                    if (call == ApiCall.PUT_ITEM) {
                        g.writeStringField("returnValues", "NONE");
                    } else {
                        g.writeBooleanField("consistentRead", false);
                    }
                    g.writeEndObject();
                };
        ev.resources =
                g -> {
                    g.writeStartArray();
                    g.writeStartObject();
                    g.writeStringField("accountId", account);
                    g.writeStringField("type", "AWS::DynamoDB::Table");
                    g.writeStringField("ARN", tableArn);
                    g.writeEndObject();
                    g.writeEndArray();
                };
        return tableArn;
    }

    /** One entry of an S3 event's {@code resources}: the bucket. */
    private static void bucketResource(JsonGenerator g, String account, String bucket)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("accountId", account);
        g.writeStringField("type", "AWS::S3::Bucket");
        g.writeStringField("ARN", "arn:aws:s3:::" + bucket);
        g.writeEndObject();
    }
}
