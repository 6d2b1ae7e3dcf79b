package io.keyline.demo;

/** The four groups of every account and the managed policies attached to each. */
enum IamGroup {
    ADMINS("Admins", Grants.managed(ManagedPolicy.ADMINISTRATOR_ACCESS)),
    DEVELOPERS(
            "Developers",
            Grants.customer(CustomerPolicy.APP_RW)
                    | Grants.managed(ManagedPolicy.S3_READ_ONLY_ACCESS)),
    AUDITORS("Auditors", Grants.managed(ManagedPolicy.READ_ONLY_ACCESS)),
    SECRETS_READERS("SecretsReaders", Grants.customer(CustomerPolicy.SECRETS_READER));

    private final String groupName;
    private final int grants;

    IamGroup(String groupName, int grants) {
        this.groupName = groupName;
        this.grants = grants;
    }

    String groupName() {
        return groupName;
    }

    /** The group's attached policies, as {@link Grants} bits (managed and customer only). */
    int grants() {
        return grants;
    }

    String arn(String account) {
        return "arn:aws:iam::" + account + ":group/" + groupName;
    }
}
