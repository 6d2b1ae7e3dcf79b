package io.keyline.demo;

import io.keyline.model.PrivilegeTier;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What a principal is granted, packed into one {@code int}: managed policies attached directly
 * (bits 0-7), customer-managed policies attached directly (bits 8-13), inline policies with a
 * customer policy's document (bits 16-21) and group memberships (bits 24-27). The tier is the
 * highest tier of any grant, a group counting with its policies.
 */
final class Grants {

    private static final int CUSTOMER_SHIFT = 8;
    private static final int INLINE_SHIFT = 16;
    private static final int GROUP_SHIFT = 24;

    private Grants() {}

    static int managed(ManagedPolicy p) {
        return 1 << p.ordinal();
    }

    static int customer(CustomerPolicy p) {
        return 1 << (CUSTOMER_SHIFT + p.ordinal());
    }

    static int inline(CustomerPolicy p) {
        return 1 << (INLINE_SHIFT + p.ordinal());
    }

    static int group(IamGroup g) {
        return 1 << (GROUP_SHIFT + g.ordinal());
    }

    static boolean has(int grants, int bit) {
        return (grants & bit) != 0;
    }

    static PrivilegeTier tier(int grants) {
        PrivilegeTier tier = PrivilegeTier.NONE;
        for (ManagedPolicy p : ManagedPolicy.values()) {
            if (has(grants, managed(p))) {
                tier = tier.max(p.tier());
            }
        }
        for (CustomerPolicy p : CustomerPolicy.values()) {
            if (has(grants, customer(p)) || has(grants, inline(p))) {
                tier = tier.max(p.tier());
            }
        }
        if ((grants >>> GROUP_SHIFT) == 0) {
            return tier;
        }
        for (IamGroup g : IamGroup.values()) {
            if (has(grants, group(g))) {
                tier = tier.max(tier(g.grants()));
            }
        }
        return tier;
    }

    /**
     * Grants of exactly the target tier: one grant of that tier and up to two of lower or equal
     * tiers. Groups are only used when {@code groups} is set (roles cannot join groups).
     */
    static int pick(PrivilegeTier target, SplittableRandom r, boolean groups) {
        if (target == PrivilegeTier.NONE) {
            return 0;
        }
        int[][] byTier = groups ? Options.WITH_GROUPS : Options.WITHOUT_GROUPS;
        int grants = choose(byTier[target.ordinal()], r);
        int extras = r.nextInt(3);
        for (int i = 0; i < extras; i++) {
            grants |= choose(byTier[1 + r.nextInt(target.ordinal())], r);
        }
        return grants;
    }

    private static int choose(int[] options, SplittableRandom r) {
        return options[r.nextInt(options.length)];
    }

    /** The grants of each tier, built on first use (after the policy enums exist). */
    private static final class Options {
        static final int[][] WITH_GROUPS = byTier(true);
        static final int[][] WITHOUT_GROUPS = byTier(false);

        private static int[][] byTier(boolean groups) {
            int[][] byTier = new int[PrivilegeTier.values().length][];
            for (PrivilegeTier tier : PrivilegeTier.values()) {
                if (tier != PrivilegeTier.NONE) {
                    byTier[tier.ordinal()] = options(tier, groups);
                }
            }
            return byTier;
        }

        private static int[] options(PrivilegeTier tier, boolean groups) {
            int[] all;
            switch (tier) {
                case ADMIN:
                    all =
                            new int[] {
                                managed(ManagedPolicy.ADMINISTRATOR_ACCESS),
                                managed(ManagedPolicy.IAM_FULL_ACCESS),
                                customer(CustomerPolicy.FULL_ADMIN),
                                customer(CustomerPolicy.IAM_SELF_SERVICE),
                                inline(CustomerPolicy.IAM_SELF_SERVICE),
                                group(IamGroup.ADMINS)
                            };
                    break;
                case HIGH:
                    all =
                            new int[] {
                                managed(ManagedPolicy.POWER_USER_ACCESS),
                                managed(ManagedPolicy.S3_FULL_ACCESS),
                                managed(ManagedPolicy.DYNAMODB_FULL_ACCESS),
                                managed(ManagedPolicy.SECRETS_MANAGER_READ_WRITE),
                                customer(CustomerPolicy.DEPLOY_S3),
                                customer(CustomerPolicy.SECRETS_READER),
                                inline(CustomerPolicy.SECRETS_READER),
                                group(IamGroup.SECRETS_READERS)
                            };
                    break;
                case WRITE:
                    all =
                            new int[] {
                                customer(CustomerPolicy.APP_RW),
                                inline(CustomerPolicy.APP_RW),
                                group(IamGroup.DEVELOPERS),
                                group(IamGroup.DEVELOPERS)
                            };
                    break;
                case READ:
                    all =
                            new int[] {
                                managed(ManagedPolicy.READ_ONLY_ACCESS),
                                managed(ManagedPolicy.S3_READ_ONLY_ACCESS),
                                customer(CustomerPolicy.APP_RO),
                                inline(CustomerPolicy.APP_RO),
                                group(IamGroup.AUDITORS)
                            };
                    break;
                default:
                    throw new IllegalArgumentException("No grants have the tier " + tier + ".");
            }
            if (groups) {
                return all;
            }
            int kept = 0;
            for (int option : all) {
                if ((option >>> GROUP_SHIFT) == 0) {
                    all[kept++] = option;
                }
            }
            return Arrays.copyOf(all, kept);
        }
    }
}
