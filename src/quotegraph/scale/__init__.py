"""Scale-out: the same per-document ``extract`` on a Ray cluster (see docs/scale.md).

* ``ray_engine``: ``iter_results`` (drop-in for ``engine.process``) and
  ``extract_to_parquet`` (Parquet shards + errors file);
* ``sources``: input planning and per-file reading, identical to ``ingest.read_inputs``;
* ``schema`` / ``codec``: the shard schema and lossless row <-> record conversion;
* ``load``: shards back to records for the store (pyarrow only, no Ray);
* ``worker_stats``: pid, CPU time and peak RSS measured inside the workers;
* ``bench``: ``quotegraph bench scale``.

``load``, ``codec``, ``schema`` and ``sources`` do not import Ray.
"""
