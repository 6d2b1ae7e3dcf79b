-- Every place a credential was found outside a secrets manager or vault (a repository, an .env
-- file, an agent's configuration, a scanner finding), with the credential it is.
CREATE OR REPLACE VIEW views.keyline.exposed_secrets AS
SELECT
    c.credential_id,
    c.credential_type,
    c.system,
    c.status,
    c.privilege_tier,
    c.owner,
    l.location_id,
    l.store,
    l.path,
    l.repository,
    l."commit",
    l.line,
    l.detector,
    l.first_seen_at,
    l.last_seen_at,
    l.sightings
FROM keyline.keyline.credential_locations l
JOIN keyline.keyline.credentials c ON c.credential_id = l.credential_id
WHERE NOT coalesce(l.managed, false);
