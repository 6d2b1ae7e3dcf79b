-- Active privileged credentials that Keyline flagged as unused (rule unused-privileged-credential)
-- and that have not been used since: with their owner and the owner's team.
CREATE OR REPLACE VIEW views.keyline.unused_privileged_credentials AS
SELECT
    c.credential_id,
    c.credential_type,
    c.system,
    c.account,
    c.identity_id,
    c.privilege_tier,
    c.created_at,
    c.last_used_at,
    c.owner,
    c.owner_status,
    p.team,
    a.alerted_at
FROM keyline.keyline.credentials c
JOIN (
    SELECT credential_id, max(event_time) AS alerted_at
    FROM keyline.keyline.alerts
    WHERE rule = 'unused-privileged-credential'
    GROUP BY credential_id
) a ON a.credential_id = c.credential_id
LEFT JOIN views.keyline.people p ON p.email = c.owner
WHERE c.status = 'Active'
  AND (c.last_used_at IS NULL OR c.last_used_at < a.alerted_at);
