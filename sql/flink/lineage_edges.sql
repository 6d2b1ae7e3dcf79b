-- keyline.lineage_edges: Every edge of the lineage graph, replaced as a whole by each run of `keyline graph`.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.lineage_edges (
  `src_id` STRING NOT NULL,
  `src_kind` STRING NOT NULL,
  `relation` STRING NOT NULL,
  `dst_id` STRING NOT NULL,
  `dst_kind` STRING NOT NULL,
  `detail` STRING,
  `computed_at` TIMESTAMP_LTZ(6)
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
