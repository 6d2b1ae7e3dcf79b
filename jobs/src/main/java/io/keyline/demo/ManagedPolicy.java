package io.keyline.demo;

import io.keyline.model.PrivilegeTier;

/**
 * The AWS-managed policies the estate attaches. They are attached by ARN and never listed in the
 * authorization details' {@code Policies}, so Keyline tiers them by name.
 */
enum ManagedPolicy {
    ADMINISTRATOR_ACCESS("AdministratorAccess", PrivilegeTier.ADMIN, Permissions.ALL),
    IAM_FULL_ACCESS("IAMFullAccess", PrivilegeTier.ADMIN, Permissions.IAM_READ),
    POWER_USER_ACCESS("PowerUserAccess", PrivilegeTier.HIGH, Permissions.ALL_BUT_IAM),
    S3_FULL_ACCESS("AmazonS3FullAccess", PrivilegeTier.HIGH, Permissions.S3),
    DYNAMODB_FULL_ACCESS("AmazonDynamoDBFullAccess", PrivilegeTier.HIGH, Permissions.DYNAMODB),
    SECRETS_MANAGER_READ_WRITE("SecretsManagerReadWrite", PrivilegeTier.HIGH, Permissions.SECRETS),
    READ_ONLY_ACCESS(
            "ReadOnlyAccess",
            PrivilegeTier.READ,
            Permissions.S3_READ | Permissions.DYNAMODB_READ | Permissions.IAM_READ),
    S3_READ_ONLY_ACCESS("AmazonS3ReadOnlyAccess", PrivilegeTier.READ, Permissions.S3_READ);

    private final String policyName;
    private final PrivilegeTier tier;
    private final int permissions;

    ManagedPolicy(String policyName, PrivilegeTier tier, int permissions) {
        this.policyName = policyName;
        this.tier = tier;
        this.permissions = permissions;
    }

    String policyName() {
        return policyName;
    }

    String arn() {
        return "arn:aws:iam::aws:policy/" + policyName;
    }

    PrivilegeTier tier() {
        return tier;
    }

    /** What it lets a principal call, as {@link Permissions} bits. */
    int permissions() {
        return permissions;
    }
}
