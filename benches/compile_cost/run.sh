#!/usr/bin/env bash
# Compile cost of declarations (issue 9 item 7): a scratch crate with N
# resources (5 attributes, an identity, belongs_to + has_many, an aggregate,
# a calculation each), built in debug after its dependencies; best of 3.
#   bash benches/compile_cost/run.sh [N ...]     (default: 1 10 40)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "compile-cost"
version = "0.1.0"
edition = "2024"

[dependencies]
resource = { path = "$root" }
TOML
cd "$work"
python3 "$root/benches/compile_cost/gen.py" 1
cargo build -q
for n in "${@:-1 10 40}"; do
  for count in $n; do
    python3 "$root/benches/compile_cost/gen.py" "$count"
    best=999
    for _ in 1 2 3; do
      touch src/main.rs
      start=$(date +%s.%N); cargo build -q; end=$(date +%s.%N)
      best=$(echo "t = $end - $start; if (t < $best) t else $best" | bc)
    done
    echo "$count resources: ${best}s"
  done
done
