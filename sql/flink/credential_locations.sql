-- keyline.credential_locations: Where each credential is stored, upserted by (credential_id, location_id).
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.credential_locations (
  `credential_id` STRING NOT NULL,
  `location_id` STRING NOT NULL,
  `store` STRING,
  `path` STRING,
  `managed` BOOLEAN,
  `source` STRING,
  `repository` STRING,
  `commit` STRING,
  `line` STRING,
  `detector` STRING,
  `secret_key` STRING,
  `first_seen_at` TIMESTAMP_LTZ(6),
  `last_seen_at` TIMESTAMP_LTZ(6),
  `sightings` BIGINT,
  `updated_at` TIMESTAMP_LTZ(6),
  PRIMARY KEY (`credential_id`, `location_id`) NOT ENFORCED
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);
