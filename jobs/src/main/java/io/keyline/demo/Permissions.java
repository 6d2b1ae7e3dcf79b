package io.keyline.demo;

/**
 * What a principal's policies let it call, by service and access, as bits: principals call what
 * they may (and are denied now and then). Resource ARNs are not modelled: a principal allowed to
 * read S3 may read any of its workload's buckets.
 */
final class Permissions {

    static final int S3_READ = 1;
    static final int S3_WRITE = 2;
    static final int DYNAMODB_READ = 4;
    static final int DYNAMODB_WRITE = 8;
    static final int SECRETS = 16;
    static final int IAM_READ = 32;
    static final int ALL = 63;
    static final int ALL_BUT_IAM = ALL & ~IAM_READ;
    static final int S3 = S3_READ | S3_WRITE;
    static final int DYNAMODB = DYNAMODB_READ | DYNAMODB_WRITE;

    private Permissions() {}

    /** The permissions of a principal's grants, its groups' policies included. */
    static int of(int grants) {
        int permissions = 0;
        for (ManagedPolicy p : ManagedPolicy.values()) {
            if (Grants.has(grants, Grants.managed(p))) {
                permissions |= p.permissions();
            }
        }
        for (CustomerPolicy p : CustomerPolicy.values()) {
            if (Grants.has(grants, Grants.customer(p)) || Grants.has(grants, Grants.inline(p))) {
                permissions |= p.permissions();
            }
        }
        for (IamGroup g : IamGroup.values()) {
            if (Grants.has(grants, Grants.group(g))) {
                permissions |= of(g.grants());
            }
        }
        return permissions;
    }

    static boolean allows(int permissions, int needed) {
        return (permissions & needed) == needed;
    }
}
