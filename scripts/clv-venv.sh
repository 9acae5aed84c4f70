#!/usr/bin/env bash
# Makes the Python venv in which the CLV oracle runs the real peer, lifetimes 0.11.3
# (tests/oracle/clv_lifetimes.py), and prints that venv's python. Idempotent: quick when the
# stamp says the same pins are already installed.
#
# lifetimes 0.11.3 (2020) is pure Python but predates numpy 2 and pandas 2.2's removals, so
# its dependencies are pinned to the last releases it runs with on CPython 3.11: numpy 1.26,
# scipy 1.11, pandas 2.1, autograd 1.7 (no `future` dependency). Binary wheels only: nothing
# is compiled here. mpmath 1.3 is the 50-digit oracle of tests/oracle/clv_examples.py.
#
# Needs: python3 >= 3.9 with venv/ensurepip (Debian: python3-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "[clv-venv] $*" >&2; }
VENV=target/clv-venv
PY=${PYTHON:-python3}

# Exact pins (all of them, transitive ones included).
RUN_PINS=(numpy==1.26.4 scipy==1.11.4 pandas==2.1.4 python-dateutil==2.9.0.post0 pytz==2025.2
  tzdata==2025.2 six==1.17.0 autograd==1.7.0 dill==0.3.8 mpmath==1.3.0)
PEER_PIN=lifetimes==0.11.3

source scripts/apt.sh

command -v "$PY" >/dev/null || apt_install python3
PYVER=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
PYEXE=$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable))')
STAMP_WANT="python=$PYVER $PYEXE ${RUN_PINS[*]} $PEER_PIN"
STAMP=$VENV/.sheetkpi-clv-stamp
CHECK='import lifetimes, lifetimes.datasets; lifetimes.datasets.load_cdnow_summary()'

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_WANT" ] \
   && "$VENV/bin/python" -W ignore -c "$CHECK" >/dev/null 2>&1; then
  echo "$PWD/$VENV/bin/python"
  exit 0
fi

is_debian_python() { [ "$("$PY" -c 'import sys; print(sys.prefix)')" = /usr ] && command -v dpkg >/dev/null; }
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if is_debian_python; then apt_install python3-venv; else log "$PY has no venv/ensurepip"; exit 1; fi
fi

if [ -d "$VENV" ]; then log "rebuilding $VENV (pins or python changed, or incomplete)"; rm -rf "$VENV"; fi
log "python -m venv $VENV (python $PYVER)"
"$PYEXE" -m venv "$VENV"
VPY=$VENV/bin/python
PIP=("$VPY" -m pip install -q --disable-pip-version-check --no-input --only-binary :all:)
log "pip install ${RUN_PINS[*]} $PEER_PIN"
# --no-deps: every dependency is pinned above, so nothing unpinned slips in.
"${PIP[@]}" --no-deps "${RUN_PINS[@]}" "$PEER_PIN"
"$VPY" -W ignore -c "$CHECK" >/dev/null # it imports and reads its data, or we stop here
echo "$STAMP_WANT" > "$STAMP"
log "ready"
echo "$PWD/$VPY"
