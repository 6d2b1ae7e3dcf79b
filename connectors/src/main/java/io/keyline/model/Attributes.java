package io.keyline.model;

import org.apache.flink.annotation.PublicEvolving;

/** The attribute keys that parsers and the jobs agree on. */
@PublicEvolving
public final class Attributes {

    /** The cloud account, subscription, project or organization the fact belongs to. */
    public static final String ACCOUNT = "account";

    /** The region or location of the call, where the source has one. */
    public static final String REGION = "region";

    /**
     * A credential's status as the source reports it, normalized: {@code Active}, {@code Inactive}.
     */
    public static final String STATUS = "status";

    /** When the credential or identity was created, ISO-8601, for listings that report it. */
    public static final String CREATED_AT = "createdAt";

    /** When the identity was suspended, ISO-8601, for listings that report it. */
    public static final String SUSPENDED_AT = "suspendedAt";

    /** When the credential was last used, ISO-8601, for listings that report it. */
    public static final String LAST_USED_AT = "lastUsedAt";

    /** What the credential was last used for, for listings that report it. */
    public static final String LAST_USED_ACTION = "lastUsedAction";

    /** When the credential expires, ISO-8601. */
    public static final String EXPIRES_AT = "expiresAt";

    /** The kind of principal: {@code user}, {@code role}, {@code group}, {@code root}... */
    public static final String IDENTITY_TYPE = "identityType";

    /** The readable name of the principal. */
    public static final String NAME = "name";

    /**
     * The privilege tier a grant gives: {@code admin}, {@code high}, {@code write}, {@code read}.
     */
    public static final String PRIVILEGE = "privilege";

    /** Why a grant has its privilege tier, in a few words. */
    public static final String PRIVILEGE_REASON = "privilegeReason";

    /** The group or other principal a grant was inherited through. */
    public static final String VIA = "via";

    /** For listings that report key slots instead of key ids: the slot number. */
    public static final String SLOT = "slot";

    /**
     * The kind of key as the source names it, for systems that list keys they manage themselves
     * next to keys people create (GCP {@code USER_MANAGED} or {@code SYSTEM_MANAGED}).
     */
    public static final String KEY_TYPE = "keyType";

    /**
     * The {@link #KEY_TYPE} of a key its provider creates, holds and rotates itself (GCP's
     * Google-managed service-account keys): nobody can download it, so rotation, expiry and disuse
     * rules do not apply to it.
     */
    public static final String SYSTEM_MANAGED = "SYSTEM_MANAGED";

    /** The error code of a call that failed. */
    public static final String ERROR_CODE = "errorCode";

    /**
     * On a {@code USED} event that stands for several identical uses (see the job's use merger):
     * how many, and the time of the first (the event's own time is the last's).
     */
    public static final String USES = "uses";

    public static final String FIRST_USED_AT = "firstUsedAt";

    /** Where an owner hint comes from: {@code tag}, {@code creator}... */
    public static final String OWNER_SOURCE = "ownerSource";

    /** For GRANTED: {@code true} when the grant was removed (detach, delete policy). */
    public static final String REVOKED = "revoked";

    /**
     * On events from a full listing of an identity (its {@code OBSERVED} and {@code GRANTED}
     * facts): {@value #FULL}. A full listing states every grant the identity holds at its time, so
     * grants known only from earlier evidence no longer count.
     */
    public static final String SNAPSHOT = "snapshot";

    public static final String FULL = "full";

    /**
     * The resource patterns a grant allows, comma-separated ({@code arn:aws:s3:::bucket/*}), when
     * the source names them.
     */
    public static final String RESOURCES = "resources";

    /** The raw principal that acted, when {@code actor} names the person behind it. */
    public static final String ACTOR_PRINCIPAL = "actorPrincipal";

    /** The user name a listing names a credential's identity by, when its account is unknown. */
    public static final String USER_NAME = "userName";

    /** The session of a temporary credential: role session name, or the session key id. */
    public static final String SESSION = "session";

    /**
     * The source's own number of a token, when its canonical id is built from something else
     * (GitHub's {@code token_id}, next to the token hash).
     */
    public static final String TOKEN_ID = "tokenId";

    /** For TRUSTS: how the trust is known, {@code policy} (a trust policy) or {@code observed}. */
    public static final String TRUST_SOURCE = "trustSource";

    /**
     * The value of {@link #EXPIRES_AT} when the source states that the credential never expires
     * although the system allows an expiry.
     */
    public static final String NEVER = "never";

    /** For STORED_AT: the commit a scanner found the secret in. */
    public static final String COMMIT = "commit";

    /** For STORED_AT: the line of the file a scanner found the secret on. */
    public static final String LINE = "line";

    /** For STORED_AT: the repository (or other container) of the file. */
    public static final String REPOSITORY = "repository";

    /** For STORED_AT: the scanner rule or detector that found the secret. */
    public static final String DETECTOR = "detector";

    /** For STORED_AT: the key or field name the secret is stored under in its store. */
    public static final String SECRET_KEY = "secretKey";

    /** The policies a token was issued with, comma-separated, for systems that name them. */
    public static final String POLICIES = "policies";

    /** For a stored secret: {@code true} when the store rotates it automatically. */
    public static final String ROTATION_ENABLED = "rotationEnabled";

    /** For a stored secret: when the store last rotated it, ISO-8601. */
    public static final String LAST_ROTATED_AT = "lastRotatedAt";

    /** For PERSON: the HR person id. */
    public static final String PERSON_ID = "personId";

    /** For PERSON: the person's e-mail address. */
    public static final String EMAIL = "email";

    /** For PERSON: {@code active} or {@code departed}. */
    public static final String PERSON_STATUS = "personStatus";

    /** For PERSON: the manager's e-mail address. */
    public static final String MANAGER_EMAIL = "managerEmail";

    /** For PERSON: the department. */
    public static final String DEPARTMENT = "department";

    /** For PERSON: the last working day, ISO-8601 date or time. */
    public static final String END_DATE = "endDate";

    /** For PERSON: other logins of the person, separated by {@code ;}. */
    public static final String ALIASES = "aliases";

    /** Status values. */
    public static final String ACTIVE = "Active";

    public static final String INACTIVE = "Inactive";

    public static final String DELETED = "Deleted";

    private Attributes() {}
}
