-- keyline.alerts: Alerts as they fire: appended; alert_id is deterministic.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.alerts (
  `alert_id` STRING NOT NULL,
  `rule` STRING NOT NULL,
  `severity` STRING,
  `credential_id` STRING,
  `identity_id` STRING,
  `system` STRING,
  `account` STRING,
  `privilege_tier` STRING,
  `owner` STRING,
  `event_time` TIMESTAMP_LTZ(6),
  `detected_at` TIMESTAMP_LTZ(6),
  `details` STRING
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
