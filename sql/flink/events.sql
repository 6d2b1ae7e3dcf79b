-- keyline.events: Every identity event, once: appended. Keyline partitions it by day(event_time), which Flink
-- SQL cannot state; a table created from this file is unpartitioned.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.events (
  `event_id` STRING NOT NULL,
  `event_time` TIMESTAMP_LTZ(6) NOT NULL,
  `source` STRING,
  `kind` STRING,
  `credential_id` STRING,
  `credential_type` STRING,
  `identity_id` STRING,
  `actor` STRING,
  `consumer_ip` STRING,
  `consumer_user_agent` STRING,
  `consumer_workload` STRING,
  `resource` STRING,
  `action` STRING,
  `location_store` STRING,
  `location_path` STRING,
  `attributes` MAP<STRING, STRING>
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
