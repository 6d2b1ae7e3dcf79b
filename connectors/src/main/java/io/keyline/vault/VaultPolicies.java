package io.keyline.vault;

import io.keyline.model.PrivilegeTier;
import java.util.Locale;

/**
 * The privilege tier of a Vault policy. The audit log names a token's policies but not their rules,
 * so the tier goes by the name: {@code root} can do everything ({@code admin}); a name containing
 * {@code admin} is taken as an administrator's policy ({@code high}); Vault's {@code default}
 * policy lets a token look itself up and use its cubbyhole ({@code read}); any other policy is
 * taken to let the token work with secrets ({@code write}).
 *
 * <p>A policy named otherwise that grants {@code sudo} or writes to {@code sys/policy} is
 * underrated; reading the policies themselves ({@code vault policy read}) would tell.
 */
final class VaultPolicies {

    static final String ROOT = "root";
    static final String DEFAULT = "default";

    private VaultPolicies() {}

    static PrivilegeTier tier(String policy) {
        if (policy.equals(ROOT)) {
            return PrivilegeTier.ADMIN;
        }
        if (policy.toLowerCase(Locale.ROOT).contains("admin")) {
            return PrivilegeTier.HIGH;
        }
        return policy.equals(DEFAULT) ? PrivilegeTier.READ : PrivilegeTier.WRITE;
    }

    static String reason(String policy) {
        if (policy.equals(ROOT)) {
            return "Vault's root policy";
        }
        if (policy.toLowerCase(Locale.ROOT).contains("admin")) {
            return "a policy named as an admin policy";
        }
        return policy.equals(DEFAULT)
                ? "Vault's default policy"
                : "a Vault policy; its rules are not in the log";
    }
}
