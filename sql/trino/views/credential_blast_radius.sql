-- Each credential with its cluster and blast radius, from the last `keyline graph` run: how many
-- resources and identities it reaches (its own reach and, through chains of trusts, what the
-- identities it may act as reach), how many of those only through at least one trust, how many
-- privileged identities it may act as, and the longest chain it takes. Credentials the graph has
-- not seen yet have no cluster and a blast radius of 0.
CREATE OR REPLACE VIEW views.keyline.credential_blast_radius AS
SELECT
    c.credential_id,
    c.credential_type,
    c.identity_id,
    c.system,
    c.status,
    c.privilege_tier,
    c.owner,
    m.cluster_id,
    m.cluster_size,
    m.cluster_systems,
    coalesce(m.blast_radius, 0) AS blast_radius,
    coalesce(r.through_trusts, 0) AS reached_through_trusts,
    coalesce(r.privileged_identities, 0) AS privileged_identities_reached,
    r.max_hops
FROM keyline.keyline.credentials c
LEFT JOIN keyline.keyline.lineage_clusters m ON m.vertex_id = c.credential_id
LEFT JOIN (
    SELECT
        origin_id,
        count_if(hops > 0) AS through_trusts,
        count_if(target_kind = 'identity' AND privilege_tier IN ('admin', 'high'))
            AS privileged_identities,
        max(hops) AS max_hops
    FROM keyline.keyline.effective_reach
    WHERE origin_kind = 'credential'
    GROUP BY origin_id
) r ON r.origin_id = c.credential_id;
