-- Credentials not deleted, counted by owner, the owner's team and system.
CREATE OR REPLACE VIEW views.keyline.credentials_by_owner AS
SELECT
    c.owner,
    p.team,
    c.system,
    count(*) AS credentials,
    count_if(c.status = 'Active') AS active,
    count_if(c.privilege_tier IN ('admin', 'high')) AS privileged,
    count_if(c.location_count > 0) AS stored_somewhere
FROM keyline.keyline.credentials c
LEFT JOIN views.keyline.people p ON p.email = c.owner
WHERE c.deleted_at IS NULL AND coalesce(c.status, '') <> 'Deleted'
GROUP BY c.owner, p.team, c.system;
