-- keyline.credential_consumers: The workloads that use each credential, upserted by (credential_id, consumer_id).
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.credential_consumers (
  `credential_id` STRING NOT NULL,
  `consumer_id` STRING NOT NULL,
  `source_ip` STRING,
  `user_agent` STRING,
  `workload` STRING,
  `first_seen_at` TIMESTAMP_LTZ(6),
  `last_seen_at` TIMESTAMP_LTZ(6),
  `calls` BIGINT,
  `updated_at` TIMESTAMP_LTZ(6),
  PRIMARY KEY (`credential_id`, `consumer_id`) NOT ENFORCED
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'true'
);
