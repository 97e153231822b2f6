#!/bin/bash
# A 10,000-subject virtual population on one machine, all cores: six months of 10 mg/day then an
# abrupt stop; per-subject summaries (Cmax, AUC, withdrawal peak, synapse loss, …) to CSV.
#   Examples/cluster/population_10000.sh
set -euo pipefail
export OPENBLAS_NUM_THREADS=1
benzosim population Examples/scenarios/abrupt_stop.yaml \
    --count 10000 --seed 42 --bsv CL=0.3 --bsv V1=0.2 --bsv Ki_tspo_dz=1.0 \
    --age-uniform 20:80 --female 0.5 --cyp2c19 0.70,0.27,0.03 \
    --every 6h -o population_10000.csv
