-- keyline.effective_reach: What each credential and identity reaches through trust and assume-role
-- chains up to the hop limit, by the shortest path; replaced as a whole by each run of `keyline graph`.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.effective_reach (
  `origin_id` STRING NOT NULL,
  `origin_kind` STRING NOT NULL,
  `target` STRING NOT NULL,
  `target_kind` STRING NOT NULL,
  `hops` INT NOT NULL,
  `path` STRING NOT NULL,
  `via_identity` STRING,
  `access` STRING,
  `privilege_tier` STRING,
  `computed_at` TIMESTAMP_LTZ(6)
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
