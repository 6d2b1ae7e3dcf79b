package io.keyline.demo;

import java.util.SplittableRandom;

/**
 * The choices of one call made with an access key, all drawn from the call's seed: which of the
 * key's places it comes from, which API it calls (one its user's policies allow), and whether it is
 * denied (about 1% of calls, and the odd attempt of a user allowed nothing). The day planner and
 * the renderer both derive it, so they always agree.
 */
record KeyCall(ApiCall call, int consumer, boolean failed) {

    static KeyCall choose(UserPlan user, KeyPlan key, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int consumer = 0;
        if (key.consumers() > 1) {
            boolean favourite = key.profile() != UsageProfile.MANY_PLACES && r.nextDouble() < 0.5;
            consumer = favourite ? 0 : r.nextInt(key.consumers());
        }
        double x = r.nextDouble();
        ApiCall call;
        if (key.assumesRole() && x < 0.08) {
            call = ApiCall.ASSUME_ROLE;
        } else if (x > 0.997) {
            call = ApiCall.GET_SESSION_TOKEN;
        } else {
            call = ApiCall.pick(user.permissions(), r);
        }
        boolean denied = !call.allowedBy(user.permissions());
        return new KeyCall(call, consumer, denied || r.nextDouble() < 0.01);
    }

    /** Whether the call opens a session whose calls are recorded in the estate. */
    boolean opensCrossAccountSession(KeyPlan key) {
        return call == ApiCall.ASSUME_ROLE && !failed && key.assumeTarget() >= 0;
    }
}
