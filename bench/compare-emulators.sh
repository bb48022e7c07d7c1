#!/usr/bin/env bash
# Runs the same benchmark loops (benchmarks/src/main/resources/kprobesim/bench/loops/*.S,
# assembled by GNU as) natively, under qemu-x86_64 (default and without block chaining), under
# Unicorn (no hook, and a C per-instruction hook) and under our interpreter, and prints MIPS side
# by side so every ratio comes from one run on one machine.
#
#   bench/compare-emulators.sh [SECONDS]     (about SECONDS per measurement, default 1)
#
# Missing tools are installed with apt-get when running as root (qemu-user, libunicorn-dev for
# Unicorn's C API, which python3-unicorn's libunicorn2 also provides); otherwise their columns say "n/a".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/bench/out"
loops="$root/benchmarks/src/main/resources/kprobesim/bench/loops"
target_s=${1:-1}
mkdir -p "$out"

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    if [ -z "${apt_updated:-}" ]; then apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || true
  else
    echo "note: install $* (apt-get install $*) for the missing columns" >&2
  fi
}
command -v gcc >/dev/null && command -v as >/dev/null || apt_install gcc binutils
command -v qemu-x86_64 >/dev/null || apt_install qemu-user
[ -f /usr/include/unicorn/unicorn.h ] || apt_install libunicorn-dev

gcc -O2 -o "$out/native" "$root/bench/harness/native.c"
have_unicorn=
if [ -f /usr/include/unicorn/unicorn.h ] && gcc -O2 -o "$out/unicorn" "$root/bench/harness/unicorn.c" -lunicorn 2>/dev/null; then
  have_unicorn=1
fi
jar="$root/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root"/*/src/main "$root"/*/pom.xml "$root/pom.xml" -newer "$jar" -type f -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -pl benchmarks -am package)
fi

# count LOOP N: instructions a run of N iterations executes, from the loop's header line.
count() {
  local h; h=$(grep -o 'kprobesim-bench: setup=[0-9]* per-iteration=[0-9]* tail=[0-9]*' "$loops/$1.S")
  local s k t
  s=$(sed 's/.*setup=\([0-9]*\).*/\1/' <<<"$h"); k=$(sed 's/.*per-iteration=\([0-9]*\).*/\1/' <<<"$h")
  t=$(sed 's/.*tail=\([0-9]*\).*/\1/' <<<"$h")
  echo $((s + $2 * k + t))
}

# mips LOOP CMD...: runs "CMD BIN N" with N growing until one run takes >= 0.2 s, then one run
# scaled to target_s; prints MIPS. A runner that prints "NANOS N" chose N itself (ours: "auto").
mips() {
  local loop=$1; shift
  local bin="$out/$loop.bin" n=10000 ns res
  while :; do
    res=$(timeout 120 "$@" "$bin" "$n" 2>/dev/null) || { echo "fail"; return; }
    ns=${res%% *}
    if [ "$ns" -ge 200000000 ]; then break; fi
    if [ "$ns" -lt 1000000 ]; then n=$((n * 100)); else n=$((n * 250000000 / ns + 1)); fi
  done
  n=$(awk -v n="$n" -v ns="$ns" -v t="$target_s" 'BEGIN { printf "%d", n * t * 1e9 / ns + 1 }')
  res=$(timeout 120 "$@" "$bin" "$n" 2>/dev/null) || { echo "fail"; return; }
  ns=${res%% *}
  awk -v i="$(count "$loop" "$n")" -v ns="$ns" 'BEGIN { printf "%.0f", i / ns * 1000 }'
}

ours() {
  local loop=$1 res ns n
  res=$(timeout 300 java -cp "$jar" kprobesim.bench.LoopHarness "$out/$loop.bin" auto 2>/dev/null) || { echo "fail"; return; }
  ns=${res%% *}; n=${res##* }
  awk -v i="$(count "$loop" "$n")" -v ns="$ns" 'BEGIN { printf "%.0f", i / ns * 1000 }'
}

printf '%s, %s, %d cores; about %ss per figure. MIPS (million guest instructions per second), one host thread:\n\n' \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$(uname -r)" "$(nproc)" "$target_s"
printf '%-10s %9s %9s %13s %9s %13s %10s\n' loop native qemu qemu-nochain unicorn unicorn+hook kprobesim
for loop in alu callret loadstore lockxadd; do
  as --64 -o "$out/$loop.o" "$loops/$loop.S"
  objcopy -O binary -j .text "$out/$loop.o" "$out/$loop.bin"
  nat=$(mips "$loop" "$out/native")
  if command -v qemu-x86_64 >/dev/null; then
    q=$(mips "$loop" qemu-x86_64 "$out/native"); qn=$(mips "$loop" qemu-x86_64 -d nochain -D /dev/null "$out/native")
  else q=n/a; qn=n/a; fi
  if [ -n "$have_unicorn" ]; then u=$(mips "$loop" "$out/unicorn" 0); uh=$(mips "$loop" "$out/unicorn" 1); else u=n/a; uh=n/a; fi
  k=$(ours "$loop")
  printf '%-10s %9s %9s %13s %9s %13s %10s\n' "$loop" "$nat" "$q" "$qn" "$u" "$uh" "$k"
done
