#!/bin/bash
# Runs the cluster example on a real Slurm: starts a single-node Slurm on this machine (munged,
# slurmctld and slurmd, all configured, run and logged in a temporary directory), submits
# Examples/cluster/population_slurm.sbatch as a job array, waits for it, concatenates the shards
# with Examples/cluster/concatenate_shards.sh, and checks that the result equals the unsharded run
# byte for byte. Needs root (it installs Debian's slurm-wlm and munge if they are missing, and
# slurmd runs jobs as root here). Not part of CI: it takes minutes.
#
#   scripts/slurm_check.sh [TASKS]          (TASKS: array size, default 4)
#
# COUNT (the population size, default the example's 10000) is passed to the job through the
# environment, like any sbatch variable. Every daemon it started is stopped on exit; the directory
# with the configuration, logs and outputs is kept when the check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tasks=${1:-4}
export COUNT=${COUNT:-10000}
started=$(date +%s)
say() { echo "[slurm_check $(($(date +%s) - started))s] $*"; }

if [ "$(id -u)" != 0 ]; then echo "slurm_check.sh: run as root (it starts slurmd and munged)" >&2; exit 77; fi
if ! command -v slurmctld > /dev/null || ! command -v slurmd > /dev/null || ! command -v munged > /dev/null; then
    say "installing slurm-wlm and munge"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurm-wlm munge
fi
say "$(slurmctld -V), $(munged -V 2>&1 | head -1 | awk '{print $1}')"

say "building benzosim (release)"
(cd "$root" && swift build -c release --product benzosim > /dev/null)
export PATH="$root/.build/release:$PATH"

work=$(mktemp -d /tmp/benzosim-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    local status=$?
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munge/munged.pid"; do
        if [ -s "$pidfile" ]; then kill "$(cat "$pidfile")" 2> /dev/null || true; fi
    done
    sleep 1
    if [ "$status" = 0 ]; then rm -rf "$work"; else echo "slurm_check.sh: failed; logs in $work" >&2; fi
}
trap cleanup EXIT

# munge: its own key, socket and logs (munged runs as the munge user Debian creates; it wants the
# socket's directory open to all, which is how slurmd and sbatch reach it).
mkdir -p "$work/munge"
chown munge: "$work/munge"
chmod 755 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chown munge: "$work/munge/munge.key"
chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
runuser -u munge -- munged --key-file="$work/munge/munge.key" --socket="$socket" \
    --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"

# Slurm: this host as the controller and the only node, its CPUs and memory as they are.
host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" << EOF
ClusterName=benzosim-check
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 30); do
    if sinfo -h -o %T 2> /dev/null | grep -qE '^(idle|mixed|allocated)'; then break; fi
    sleep 1
done
say "cluster up: $(sinfo -h -o '%P %D node(s) %c CPUs %T')"

# The example, unchanged, from a directory where its relative paths hold. The machine may have
# fewer CPUs than the example asks for: a task gets one (the command line overrides #SBATCH).
jobs="$work/job"
mkdir -p "$jobs"
ln -s "$root/Examples" "$jobs/Examples"
cd "$jobs"
say "sbatch --array=1-$tasks --cpus-per-task=1 --wait Examples/cluster/population_slurm.sbatch (COUNT=$COUNT)"
submitted=$(date +%s)
sbatch --array="1-$tasks" --cpus-per-task=1 --wait --quiet Examples/cluster/population_slurm.sbatch
say "job array finished in $(($(date +%s) - submitted)) s"
say "task logs: $(ls benzosim-*.log | tr '\n' ' ')"
shards=$(ls population_part_*.csv | sort)
Examples/cluster/concatenate_shards.sh $shards > population.csv

# The same population in one unsharded run: the command of the sbatch file without --shard.
say "unsharded run"
unsharded_started=$(date +%s)
OPENBLAS_NUM_THREADS=1 benzosim population Examples/scenarios/abrupt_stop.yaml \
    --count "$COUNT" --seed 42 --bsv CL=0.3 --bsv V1=0.2 --bsv Ki_tspo_dz=1.0 \
    --age-uniform 20:80 --female 0.5 --cyp2c19 0.70,0.27,0.03 \
    --every 6h --threads "$cpus" --quiet -o unsharded.csv
say "unsharded run took $(($(date +%s) - unsharded_started)) s"

rows=$(($(wc -l < population.csv) - 1))
if cmp -s population.csv unsharded.csv; then
    say "OK: $tasks shards concatenated = unsharded run, byte for byte ($rows subjects, $(wc -c < population.csv) bytes, sha256 $(sha256sum < population.csv | cut -c1-16))"
else
    say "FAIL: the concatenated shards differ from the unsharded run"
    cmp population.csv unsharded.csv || true
    exit 1
fi
