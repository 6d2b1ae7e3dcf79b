package io.keyline.demo;

import io.keyline.model.PrivilegeTier;

/**
 * The AWS-managed policies the estate attaches. They are attached by ARN and never listed in the
 * authorization details' {@code Policies}, so Keyline tiers them by name.
 */
enum ManagedPolicy {
    ADMINISTRATOR_ACCESS("AdministratorAccess", PrivilegeTier.ADMIN),
    IAM_FULL_ACCESS("IAMFullAccess", PrivilegeTier.ADMIN),
    POWER_USER_ACCESS("PowerUserAccess", PrivilegeTier.HIGH),
    S3_FULL_ACCESS("AmazonS3FullAccess", PrivilegeTier.HIGH),
    DYNAMODB_FULL_ACCESS("AmazonDynamoDBFullAccess", PrivilegeTier.HIGH),
    SECRETS_MANAGER_READ_WRITE("SecretsManagerReadWrite", PrivilegeTier.HIGH),
    READ_ONLY_ACCESS("ReadOnlyAccess", PrivilegeTier.READ),
    S3_READ_ONLY_ACCESS("AmazonS3ReadOnlyAccess", PrivilegeTier.READ);

    private final String policyName;
    private final PrivilegeTier tier;

    ManagedPolicy(String policyName, PrivilegeTier tier) {
        this.policyName = policyName;
        this.tier = tier;
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
}
