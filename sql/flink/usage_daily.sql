-- keyline.usage_daily: Uses per credential, consumer and day: appended once a day is closed by the watermark.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.usage_daily (
  `credential_id` STRING NOT NULL,
  `identity_id` STRING,
  `day` DATE NOT NULL,
  `calls` BIGINT,
  `distinct_consumers` INT,
  `distinct_resources` INT,
  `errors` BIGINT
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
