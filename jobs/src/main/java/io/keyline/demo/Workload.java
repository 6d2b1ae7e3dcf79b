package io.keyline.demo;

import java.util.SplittableRandom;

/** The resources a principal's calls touch: its buckets, its table and its secret. */
record Workload(String accountId, String region, String team, String app) {

    /** The bucket of one call: mostly the shared application bucket, else the team's. */
    String bucket(SplittableRandom r) {
        return r.nextInt(10) < 7 ? Names.appBucket(accountId) : Names.teamBucket(team, accountId);
    }

    /** An object key of one call. */
    String objectKey(SplittableRandom r, long time) {
        String day = TimeFormats.day(time);
        return app
                + "/"
                + day.substring(0, 4)
                + "/"
                + day.substring(5, 7)
                + "/"
                + day.substring(8, 10)
                + "/part-"
                + r.nextInt(10_000)
                + (r.nextBoolean() ? ".json.gz" : ".parquet");
    }

    String tableArn() {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + Names.appTable(app);
    }

    String table() {
        return Names.appTable(app);
    }

    String secretId() {
        return Names.secretId(team, app);
    }
}
