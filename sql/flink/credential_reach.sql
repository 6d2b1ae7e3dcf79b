-- keyline.credential_reach: The resources each credential reaches, upserted by (credential_id, resource).
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.credential_reach (
  `credential_id` STRING NOT NULL,
  `resource` STRING NOT NULL,
  `access` STRING,
  `granted_by` STRING,
  `last_action` STRING,
  `first_seen_at` TIMESTAMP_LTZ(6),
  `last_seen_at` TIMESTAMP_LTZ(6),
  `updated_at` TIMESTAMP_LTZ(6),
  PRIMARY KEY (`credential_id`, `resource`) NOT ENFORCED
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);
