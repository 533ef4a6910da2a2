#!/usr/bin/env bash
# Smoke test of a built app on Windows and macOS, as the release workflow runs it (on Linux,
# tests/bundle/test_bundle.py checks the same and more): the command line in English and
# Spanish, the sample coalition, events as JSON, a bilingual flyer, a contacts export, a
# backup, and the desktop app reaching its main window (offscreen).
#   packaging/smoke.sh PATH/TO/rallyorg[.exe]
set -euo pipefail
cli=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" APPDATA="$work/appdata" LOCALAPPDATA="$work/localappdata" RALLYORG_DB=
export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
mkdir -p "$HOME" "$APPDATA" "$LOCALAPPDATA"
db="sqlite:///$work/coalition.sqlite3"

"$cli" --help | grep "Plan rallies" > /dev/null
"$cli" --lang es --help | grep "uso: rallyorg" > /dev/null
"$cli" --db "$db" demo | grep "Loaded the sample coalition" > /dev/null
"$cli" --db "$db" events list --json | grep '"titles"' > /dev/null
"$cli" --db "$db" flyer 1 --langs en,es -o "$work/flyer.pdf"
test "$(head -c 5 "$work/flyer.pdf")" = "%PDF-"
"$cli" --db "$db" export contacts -o "$work/contacts.csv"
test "$(wc -l < "$work/contacts.csv")" -gt 50
"$cli" --db "$db" db backup "$work/backup.sqlite3"
test -s "$work/backup.sqlite3"

# The desktop app: started by the console executable (the windowed one has no stderr to read).
QT_QPA_PLATFORM=offscreen RALLYORG_DEBUG=1 "$cli" --db "$db" 2> "$work/gui.log" &
gui=$!
for _ in $(seq 120); do
    grep -q "main window shown" "$work/gui.log" && break
    kill -0 "$gui" 2>/dev/null || break
    sleep 0.5
done
kill "$gui" 2>/dev/null || true
if ! grep -q "main window shown" "$work/gui.log"; then
    cat "$work/gui.log" >&2
    echo "smoke.sh: the desktop app did not show its window" >&2
    exit 1
fi
echo "smoke test passed: $cli"
