package io.keyline.demo;

import java.util.SplittableRandom;

/**
 * The temporary sessions of the estate. Each session is named by a hash of what opened it (a key
 * and the time of its {@code AssumeRole}, a role and an hour, a CI run, a person's hour in an
 * account), so its {@code ASIA} id can be rebuilt by every event that uses it.
 */
final class Sessions {

    /** The credentials STS hands out, as its responses print them. */
    record Credentials(String accessKeyId, String sessionToken, long expiration) {

        /** The session's credentials; the token is a planted secret. */
        static Credentials of(long hash, long issued, long seconds) {
            return new Credentials(
                    Ids.sessionKeyId(hash),
                    Ids.sessionToken(new SplittableRandom(Seeds.mix(hash))),
                    issued + seconds);
        }

        JsonSection json() {
            return g -> {
                g.writeObjectFieldStart("credentials");
                g.writeStringField("accessKeyId", accessKeyId);
                g.writeStringField("sessionToken", sessionToken);
                g.writeStringField("expiration", TimeFormats.javaDate(expiration));
                g.writeEndObject();
            };
        }
    }

    private Sessions() {}

    /** The session a key opens with {@code AssumeRole} at {@code time}. */
    static long ofAssumeRole(Estate e, int keyNumber, long time) {
        return Seeds.of(e.seed, Seeds.SESSION_KEY, keyNumber, time - e.start);
    }

    /** The session a key opens with {@code GetSessionToken} at {@code time}. */
    static long ofSessionToken(Estate e, int keyNumber, long time) {
        return Seeds.of(e.seed, Seeds.SESSION_TOKEN, keyNumber, time - e.start);
    }

    /** A service role's session of one hour of the window. */
    static long ofRole(Estate e, int role, long hour) {
        return Seeds.of(e.seed, Seeds.SESSION_ROLE, role, hour);
    }

    /** The session of a CI run that began at {@code runTime}. */
    static long ofCiRun(Estate e, int role, long runTime) {
        return Seeds.of(e.seed, Seeds.SESSION_CI, role, runTime - e.start);
    }

    /** A person's SSO session of one hour in an account. */
    static long ofPerson(Estate e, int person, int account, long hour) {
        return Seeds.of(e.seed, Seeds.SESSION_PERSON, person, account, hour);
    }

    /** The hour of the window a time falls in. */
    static long hour(Estate e, long time) {
        return (time - e.start) / TimeFormats.HOUR;
    }

    static long hourStart(Estate e, long hour) {
        return e.start + hour * TimeFormats.HOUR;
    }

    /** The session name a key's {@code AssumeRole} asks for. */
    static String assumeRoleSessionName(UserPlan user, long callSeed, long time) {
        return (callSeed & 1) == 0 ? user.name() : "botocore-session-" + time;
    }
}
