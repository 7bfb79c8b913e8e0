#!/usr/bin/env bash
# Whole-process measurement of the sensor on a generated, realistic mirror capture (docs/performance.md,
# "Whole process"). Usage: benchmarks/sensor-run.sh [CONNECTIONS] [OUTPUT_DIR]
#   CONNECTIONS  keep-alive connections in the capture (default 23000: about 1 M packets, 230,000 exchanges)
#   OUTPUT_DIR   where the capture and the logs go (default /tmp/periscope-sensor-run)
# Needs: mvn -B -DskipTests package (benchmarks.jar, periscope.jar); /usr/bin/time; tshark for the peer
# count (skipped when missing). With PERISCOPE_KAFKA=1 it also replays the capture into the Kafka of a
# standalone ./periscope already running on this machine (the full path a user runs).
# SENSOR_JAVA_OPTS sets the JVM (default: the server's 4 GiB G1 heap); the replay command's lean options
# (see the periscope launcher) measure the file pipeline's own resident memory, docs/performance.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connections="${1:-23000}"
out="${2:-/tmp/periscope-sensor-run}"
jar="$here/benchmarks/target/benchmarks.jar"
jvm="${SENSOR_JAVA_OPTS:--Xms256m -Xmx4g -XX:+UseG1GC}"
mkdir -p "$out"
capture="$out/capture-$connections.pcap"
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%FT%TZ)"
if [ ! -f "$capture" ]; then
  java -cp "$jar" io.periscope.benchmarks.sensor.GenerateCapture "$capture" "$connections" 1
fi
ls -l "$capture"

echo "== Periscope file pipeline, null exchange sink (run 1 cold, run 2 warm), JVM: $jvm"
# shellcheck disable=SC2086 # word splitting of the options is intended
/usr/bin/time -f "process: %e s wall, %U s user + %S s system CPU, max RSS %M KiB" \
  java $jvm -cp "$jar" io.periscope.benchmarks.sensor.SensorRun "$capture" 2 2>&1 | grep -v "DEBUG"

if command -v tshark > /dev/null; then
  echo "== peer: tshark (VXLAN, TCP reassembly, HTTP), requests and responses"
  for filter in http.request http.response; do
    n=$( { /usr/bin/time -f "tshark $filter: %e s wall, %U s user + %S s system CPU, max RSS %M KiB" \
      tshark -r "$capture" -Y "$filter" -T fields -e frame.number 2> "$out/tshark.err"; } | wc -l)
    echo "$n ${filter#http.}s; $(tail -1 "$out/tshark.err")"
  done
fi

if [ "${PERISCOPE_KAFKA:-0}" = 1 ]; then
  echo "== ./periscope replay --speed=0 into the running standalone Periscope's Kafka"
  /usr/bin/time -f "process: %e s wall, %U s user + %S s system CPU, max RSS %M KiB" \
    "$here/periscope" replay --speed=0 --no-progress "$capture"
fi
