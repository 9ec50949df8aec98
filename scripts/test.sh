#!/usr/bin/env bash
# The test command: installs what the tests need (Prosody, ejabberd, Chromium) when missing, builds the
# solution and runs every test project. Ends with one line "N passed, N failed" counted from the test
# results. Extra arguments go to `dotnet test` (e.g. --filter-class "*IqTrackerTests").
set -uo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "dotnet is not installed: install the .NET 10 SDK first" >&2; echo "0 passed, 1 failed"; exit 1; }
scripts/xmpp-server.sh install all || { echo "0 passed, 1 failed"; exit 1; }

results=.artifacts/test-results
rm -rf "$results"
if ! dotnet build Dashboard.sln --nologo -v quiet; then
    echo "the build failed" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

mkdir -p "$results"
dotnet test --solution Dashboard.sln --no-build --report-xunit-trx --results-directory "$results" "$@" 2>&1 | tee "$results/output.log"
status=${PIPESTATUS[0]}

# Sum the counters of every result file; a test project that left none (it crashed) counts as a failure.
projects=$(find tests -name '*.Tests.csproj' | wc -l)
files=$(find "$results" -name '*.trx' 2>/dev/null | wc -l)
read -r passed failed < <(
    cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
        { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]);
            if (kv[1] == "passed") p += kv[2];
            if (kv[1] == "failed" || kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") f += kv[2] } }
        END { print p + 0, f + 0 }')
if [ "$files" -lt "$projects" ]; then
    # Two projects that start in the same microsecond get the same result file name, and one overwrites the
    # other; when every project passed (exit 0), dotnet test's own totals are the count.
    if [ "$status" -eq 0 ] && total=$(grep -oE '^ +succeeded: [0-9]+' "$results/output.log" | tail -1 | grep -oE '[0-9]+'); then
        passed=$total
    else
        echo "$((projects - files)) test project(s) left no results (crashed or did not run)" >&2
        failed=$((failed + projects - files))
    fi
fi
# dotnet test exits 8 when a filter selects no test in some project; that alone is not a failure.
if [ "$status" -ne 0 ] && [ "$status" -ne 8 ] && [ "$failed" -eq 0 ]; then
    echo "dotnet test exited with $status" >&2
    failed=1
fi

# Name each failed test with the start of its message, so the end of the log says what broke.
if [ "$failed" -gt 0 ] && [ "$files" -gt 0 ]; then
    echo "Failed tests:" >&2
    perl -0777 -ne '
        my %xml = (lt => "<", gt => ">", quot => "\"", apos => "\x27", amp => "&");
        while (/<UnitTestResult testName="([^"]*)"[^>]*outcome="(?:Failed|Error|Timeout|Aborted)"[^>]*>(.*?)<\/UnitTestResult>/gs) {
            my ($name, $body) = ($1, $2);
            my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
            for ($name, $message) { next unless defined; s/&(lt|gt|quot|apos|amp);/$xml{$1}/g; s/\s+/ /g }
            printf "  %s\n    %s\n", $name, substr($message // "(no message)", 0, 400);
        }' "$results"/*.trx >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
