package io.keyline.demo;

/** The AWS services the estate's calls go to. */
enum Service {
    S3("s3"),
    STS("sts"),
    DYNAMODB("dynamodb"),
    SECRETS_MANAGER("secretsmanager"),
    IAM("iam");

    private final String prefix;

    Service(String prefix) {
        this.prefix = prefix;
    }

    /** The service prefix, as the credential report and IAM actions name it. */
    String prefix() {
        return prefix;
    }

    /** CloudTrail's {@code eventSource}. */
    String eventSource() {
        return prefix + ".amazonaws.com";
    }
}
