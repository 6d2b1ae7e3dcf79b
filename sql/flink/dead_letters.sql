-- keyline.dead_letters: Records that could not be read, and late uses: appended, with a reason.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.dead_letters (
  `source` STRING,
  `origin` STRING,
  `record_index` BIGINT,
  `reason` STRING NOT NULL,
  payload_sha256 STRING,
  `payload_bytes` BIGINT,
  `excerpt` STRING,
  `received_at` TIMESTAMP_LTZ(6)
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
