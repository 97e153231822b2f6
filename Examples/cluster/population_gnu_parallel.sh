#!/bin/bash
# A 10,000-subject population in 8 deterministic shards run by GNU parallel (on this machine or,
# with --sshloginfile, on several), then concatenated: byte-identical to one unsharded run.
#
#   Examples/cluster/population_gnu_parallel.sh            (needs `parallel`: apt-get install parallel)
set -euo pipefail
N=8
export OPENBLAS_NUM_THREADS=1
seq 1 "$N" | parallel --halt now,fail=1 \
    benzosim population Examples/scenarios/abrupt_stop.yaml \
        --count 10000 --seed 42 --bsv CL=0.3 --bsv V1=0.2 --bsv Ki_tspo_dz=1.0 \
        --age-uniform 20:80 --female 0.5 --cyp2c19 0.70,0.27,0.03 \
        --every 6h --threads 1 --shard {}/"$N" --quiet --no-manifest -o population_part_{}.csv
"$(dirname "$0")/concatenate_shards.sh" $(for k in $(seq 1 "$N"); do echo population_part_$k.csv; done) > population.csv
echo "wrote population.csv ($(($(wc -l < population.csv) - 1)) subjects)"
