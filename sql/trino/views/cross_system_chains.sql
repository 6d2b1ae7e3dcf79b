-- Identities that another system's principals can act as: a GitHub Actions workflow assuming an
-- AWS role, a Kubernetes service account impersonating a GCP service account, and so on. The
-- system of a principal is the first part of its id ('github', 'k8s', 'gcp', ...), or 'aws' for
-- ARNs and AWS service principals.
CREATE OR REPLACE VIEW views.keyline.cross_system_chains AS
SELECT
    t.trusted_principal,
    t.trusted_system,
    i.identity_id,
    i.system,
    i.identity_type,
    i.privilege_tier,
    i.owner,
    i.active_credential_count
FROM keyline.keyline.identities i
CROSS JOIN UNNEST(i.trusted_principals) AS u(principal)
CROSS JOIN LATERAL (
    SELECT
        u.principal AS trusted_principal,
        CASE
            WHEN u.principal LIKE 'arn:%' OR u.principal LIKE '%.amazonaws.com' THEN 'aws'
            ELSE split_part(u.principal, ':', 1)
        END AS trusted_system
) t
WHERE i.deleted_at IS NULL
  AND t.trusted_system <> i.system;
