#!/usr/bin/env bash
# Ingestion throughput: bench/ingest.sh [SIZES] [WORKDIR]   (default 10000,100000 articles; target/bench/ingest)
exec "$(dirname "$0")/run-java.sh" org.storyline.bench.IngestBench "$@"
