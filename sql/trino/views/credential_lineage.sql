-- The lineage of every credential, flat: one row per fact, in the order origin, identity,
-- owner, storage, use, reach, alerts. Filter on credential_id for one credential.
CREATE OR REPLACE VIEW views.keyline.credential_lineage AS
SELECT credential_id, 1 AS step, 'created by' AS relation, created_by AS target, created_at AS at
FROM keyline.keyline.credentials WHERE created_by IS NOT NULL
UNION ALL
SELECT credential_id, 2, 'identity', identity_id, CAST(NULL AS timestamp(6) with time zone)
FROM keyline.keyline.credentials WHERE identity_id IS NOT NULL
UNION ALL
SELECT credential_id, 3, 'owner', owner || ' (' || coalesce(owner_status, 'unknown') || ')',
       CAST(NULL AS timestamp(6) with time zone)
FROM keyline.keyline.credentials WHERE owner IS NOT NULL
UNION ALL
SELECT credential_id, 4, 'stored in', store || ':' || coalesce(path, location_id), first_seen_at
FROM keyline.keyline.credential_locations
UNION ALL
SELECT credential_id, 5, 'used by', consumer_id, last_seen_at
FROM keyline.keyline.credential_consumers
UNION ALL
SELECT credential_id, 6, 'reaches', resource || ' (' || coalesce(access, 'unknown') || ')', last_seen_at
FROM keyline.keyline.credential_reach
UNION ALL
SELECT credential_id, 7, 'alert', rule || ' (' || severity || ')', event_time
FROM keyline.keyline.alerts;
