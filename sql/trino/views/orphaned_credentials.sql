-- Credentials not deleted whose owner is unknown or has left.
CREATE OR REPLACE VIEW views.keyline.orphaned_credentials AS
SELECT
    c.credential_id,
    c.credential_type,
    c.system,
    c.account,
    c.identity_id,
    c.status,
    c.privilege_tier,
    c.owner,
    c.owner_status,
    c.former_owner,
    c.created_by,
    c.last_used_at
FROM keyline.keyline.credentials c
WHERE c.deleted_at IS NULL
  AND coalesce(c.status, '') <> 'Deleted'
  AND (c.owner IS NULL OR c.owner_status IN ('departed', 'none'));
