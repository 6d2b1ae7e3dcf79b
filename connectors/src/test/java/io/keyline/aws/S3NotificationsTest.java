package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.aws.S3Notifications.ObjectRef;
import org.junit.jupiter.api.Test;

/** The objects queue messages announce, and what CloudTrail's keys say. */
class S3NotificationsTest {

    private static final String KEY =
            "AWSLogs/o-a1b2c3d4e5/111122223333/CloudTrail/eu-west-1/2026/11/01/"
                    + "111122223333_CloudTrail_eu-west-1_20261101T0005Z_x y.json.gz";

    @Test
    void anS3EventNotificationsKeysAreUrlDecoded() {
        String body =
                "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":"
                        + "\"trail\"},\"object\":{\"key\":\""
                        + KEY.replace("/", "%2F").replace(" ", "+")
                        + "\"}}}]}";
        assertThat(S3Notifications.objects(body)).containsExactly(new ObjectRef("trail", KEY));
    }

    @Test
    void snsEnvelopesCloudTrailsOwnNotificationsAndEventBridgeEventsAreRead() {
        String inner =
                "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"t\"},\"object\":{\"key\":\"a%3Db\"}}}]}";
        String sns =
                "{\"Type\":\"Notification\",\"Message\":\"" + inner.replace("\"", "\\\"") + "\"}";
        assertThat(S3Notifications.objects(sns)).containsExactly(new ObjectRef("t", "a=b"));
        assertThat(S3Notifications.objects("{\"s3Bucket\":\"t\",\"s3ObjectKey\":[\"k1\",\"k2\"]}"))
                .containsExactly(new ObjectRef("t", "k1"), new ObjectRef("t", "k2"));
        assertThat(
                        S3Notifications.objects(
                                "{\"detail-type\":\"Object Created\",\"detail\":{\"bucket\":"
                                        + "{\"name\":\"t\"},\"object\":{\"key\":\"k 1\"}}}"))
                .containsExactly(new ObjectRef("t", "k 1"));
    }

    @Test
    void aTestEventOrAnythingElseAnnouncesNothing() {
        assertThat(
                        S3Notifications.objects(
                                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}"))
                .isEmpty();
        assertThat(S3Notifications.objects("not json")).isEmpty();
        assertThat(S3Notifications.objects("")).isEmpty();
        assertThat(S3Notifications.objects("[1,2]")).isEmpty();
    }

    @Test
    void cloudTrailKeysNameTheirAccountAndOnlyLogFilesCount() {
        assertThat(CloudTrailKeys.isLogFile(KEY)).isTrue();
        assertThat(CloudTrailKeys.account(KEY)).isEqualTo("111122223333");
        assertThat(
                        CloudTrailKeys.isLogFile(
                                "AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/11/01/d.json.gz"))
                .isFalse();
        assertThat(CloudTrailKeys.isLogFile("AWSLogs/111122223333/CloudTrail/eu-west-1/2026/"))
                .isFalse();
        assertThat(CloudTrailKeys.startOfDay("p/", 1793577600000L)).isEqualTo("p/2026/11/02");
        assertThat(CloudTrailQueueFeed.regionOf("https://sqs.eu-west-1.amazonaws.com/1/q", "x"))
                .isEqualTo("eu-west-1");
        assertThat(CloudTrailQueueFeed.regionOf("https://eu-west-2.queue.amazonaws.com/1/q", "x"))
                .isEqualTo("eu-west-2");
        assertThat(CloudTrailQueueFeed.regionOf("http://127.0.0.1:4566/1/q", "us-east-1"))
                .isEqualTo("us-east-1");
    }
}
