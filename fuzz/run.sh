#!/usr/bin/env bash
# The long, coverage-guided fuzz run: SharpFuzz instruments the library (and the format libraries), AFL++
# drives the target for one reader. Findings land in fuzz/findings/FORMAT/crashes; add each one to
# FuzzTests.Findings (tests/Xmmutablemap.Serialization.Tests/FuzzTests.cs) as a regression test.
#
#   fuzz/run.sh FORMAT [SECONDS]      FORMAT: json, yaml, msgpack or protobuf; SECONDS default 600
#
# Needs root for apt-get (afl++) on first use. The bounded fuzz test that CI runs is FuzzTests.
set -euo pipefail
cd "$(dirname "$0")/.."
format=${1:?usage: fuzz/run.sh json|yaml|msgpack|protobuf [SECONDS]}
seconds=${2:-600}
work=fuzz/work/$format
out=fuzz/findings/$format

command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
tools=fuzz/work/tools
[[ -x $tools/sharpfuzz ]] || dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null

rm -rf "$work" && mkdir -p "$work/in" "$out"
dotnet publish fuzz/Xmmutablemap.Fuzz -c Release -o "$work/bin" -v quiet -nologo >/dev/null
for dll in Xmmutablemap.dll Xmmutablemap.Serialization.dll YamlDotNet.dll MessagePack.dll; do
  "$tools/sharpfuzz" "$work/bin/$dll" >/dev/null
done

# Seeds: the example configs in this format.
dotnet run --project src/Xmmutablemap.Cli -v quiet -- convert examples/train.yaml examples/service.yaml --to "$format" --out-dir "$work/in" >/dev/null

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
timeout --preserve-status $((seconds + 30)) afl-fuzz -V "$seconds" -i "$work/in" -o "$out" -t 10000 -m none -- dotnet "$work/bin/Xmmutablemap.Fuzz.dll" "$format" || true

crashes=$(find "$out" -path '*crashes/id:*' -type f 2>/dev/null | wc -l)
hangs=$(find "$out" -path '*hangs/id:*' -type f 2>/dev/null | wc -l)
echo "fuzz $format: $crashes crashes, $hangs hangs in $out"
