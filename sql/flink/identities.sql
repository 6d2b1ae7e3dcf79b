-- keyline.identities: One row per identity (user, role, service account, app, person), upserted by identity_id.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.identities (
  `identity_id` STRING NOT NULL,
  `system` STRING,
  `account` STRING,
  `identity_type` STRING,
  `name` STRING,
  `privilege_tier` STRING,
  `privilege_reason` STRING,
  `owner` STRING,
  `owner_source` STRING,
  `owner_status` STRING,
  `created_at` TIMESTAMP_LTZ(6),
  `created_by` STRING,
  `last_used_at` TIMESTAMP_LTZ(6),
  `credential_count` INT,
  `active_credential_count` INT,
  `trust_count` INT,
  `deleted_at` TIMESTAMP_LTZ(6),
  `updated_at` TIMESTAMP_LTZ(6),
  `owner_confidence` DOUBLE,
  `former_owner` STRING,
  `trusted_principals` ARRAY<STRING>,
  `granted_resources` ARRAY<STRING>,
  PRIMARY KEY (`identity_id`) NOT ENFORCED
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);
