#!/bin/bash
# Concatenates shard CSVs in the order given, keeping the header of the first only.
#   concatenate_shards.sh part_1.csv part_2.csv … > whole.csv
set -euo pipefail
first=1
for f in "$@"; do
    if [ "$first" = 1 ]; then cat "$f"; first=0; else tail -n +2 "$f"; fi
done
