package io.keyline.demo;

/** The kinds of planned CloudTrail events, each rendered from its entity's plan and a seed. */
enum EventType {
    /** A call made with a service user's access key; entity = key number. */
    KEY_CALL,
    /** A call with a session a key opened by assuming a cross-account role; entity = key number. */
    CROSS_ACCOUNT_CALL,
    /** A call by a service role's session (Lambda, EC2, ECS); entity = role. */
    ROLE_CALL,
    /** GitHub Actions exchanging its token for a CI role's session; entity = role. */
    WEB_IDENTITY,
    /** A call by a CI role's session; entity = role. */
    CI_CALL,
    /** A read a person makes through an account's SSO role; entity = person. */
    PERSON_CALL,
    /** A planned IAM change made by a person; entity = the user or role changed. */
    MANAGEMENT
}
