-- keyline.lineage_clusters: Each identity and credential with the cluster (connected component of
-- authenticates and trusts edges) it belongs to, replaced as a whole by each run of `keyline graph`.
-- The job creates its tables with this schema (a test checks that the two agree).
CREATE TABLE IF NOT EXISTS keyline.lineage_clusters (
  `vertex_id` STRING NOT NULL,
  `vertex_kind` STRING NOT NULL,
  `system` STRING,
  `cluster_id` STRING NOT NULL,
  `cluster_size` INT,
  `cluster_identities` INT,
  `cluster_credentials` INT,
  `cluster_systems` STRING,
  `blast_radius` INT,
  `computed_at` TIMESTAMP_LTZ(6)
) WITH (
  'format-version' = '2',
  'write.upsert.enabled' = 'false'
);
