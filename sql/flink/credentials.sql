-- keyline.credentials: One row per credential, upserted by credential_id.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.credentials (
  `credential_id` STRING NOT NULL,
  `credential_type` STRING,
  `identity_id` STRING,
  `system` STRING,
  `account` STRING,
  `status` STRING,
  `created_at` TIMESTAMP_LTZ(6),
  `created_by` STRING,
  `first_seen_at` TIMESTAMP_LTZ(6),
  `last_used_at` TIMESTAMP_LTZ(6),
  `last_used_action` STRING,
  `last_used_source_ip` STRING,
  `consumer_count` INT,
  `resource_count` INT,
  `privilege_tier` STRING,
  `owner` STRING,
  `owner_source` STRING,
  `deleted_at` TIMESTAMP_LTZ(6),
  `expires_at` TIMESTAMP_LTZ(6),
  `updated_at` TIMESTAMP_LTZ(6),
  `owner_confidence` DOUBLE,
  `owner_status` STRING,
  `former_owner` STRING,
  `never_expires` BOOLEAN,
  `location_count` INT,
  `exposed_at` TIMESTAMP_LTZ(6),
  `exposed_location` STRING,
  `provider_managed` BOOLEAN,
  PRIMARY KEY (`credential_id`) NOT ENFORCED
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);
