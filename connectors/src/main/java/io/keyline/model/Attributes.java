package io.keyline.model;

/** The attribute keys that parsers and the jobs agree on. */
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

    /** The error code of a call that failed. */
    public static final String ERROR_CODE = "errorCode";

    /** Where an owner hint comes from: {@code tag}, {@code creator}... */
    public static final String OWNER_SOURCE = "ownerSource";

    /** For GRANTED: {@code true} when the grant was removed (detach, delete policy). */
    public static final String REVOKED = "revoked";

    /** Status values. */
    public static final String ACTIVE = "Active";

    public static final String INACTIVE = "Inactive";

    private Attributes() {}
}
