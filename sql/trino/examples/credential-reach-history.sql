-- The snapshots of credential_reach, newest first: each is the table as it stood after one
-- commit. Pick one and read the table as of then, for example what one key reached:
--   SELECT resource, access, last_seen_at
--   FROM keyline.keyline.credential_reach FOR VERSION AS OF <snapshot_id>
--   WHERE credential_id = 'aws:access-key:AKIA...'
-- or by time: FOR TIMESTAMP AS OF TIMESTAMP '2026-11-01 00:00:00 UTC'.
SELECT snapshot_id, committed_at, operation, summary['total-records'] AS rows
FROM keyline.keyline."credential_reach$snapshots"
ORDER BY committed_at DESC;
