#!/usr/bin/env bash
# Makes the Python venv in which the attribution oracle runs the real peer,
# ChannelAttribution 2.2.5 (tests/oracle/channel_attribution.py), and prints that venv's
# python. Idempotent: quick when the stamp says the same pins are already installed.
#
# ChannelAttribution ships on PyPI as an sdist only (no wheels): pip compiles its Cython
# module and the C++ core (with the Armadillo headers it bundles) with this machine's g++.
# The build runs without isolation, against the pinned Cython/setuptools/numpy installed
# here first, so the module is built against exactly the numpy it runs with.
#
# Needs: python3 >= 3.8 with venv/ensurepip and its C headers, and g++. On a Debian python3
# (/usr/bin/python3) the missing pieces come from apt (python3-venv, python3-dev, g++); a
# pyenv or other self-built CPython carries its own headers and venv.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "[oracle-venv] $*" >&2; }
VENV=target/oracle-venv
PY=${PYTHON:-python3}

# Exact pins (all of them, transitive ones included), known to build and run on CPython 3.11.
BUILD_PINS=(setuptools==80.9.0 wheel==0.45.1 Cython==3.1.4)
# ChannelAttribution imports matplotlib.pyplot when it loads but does not declare it: pinned here.
RUN_PINS=(numpy==2.2.6 pandas==2.2.3 python-dateutil==2.9.0.post0 pytz==2025.2 tzdata==2025.2 six==1.17.0
  matplotlib==3.10.3 contourpy==1.3.3 cycler==0.12.1 fonttools==4.68.0 kiwisolver==1.5.1 packaging==26.4
  pillow==13.0.0 pyparsing==3.3.3 mpmath==1.4.1)
PEER_PIN=ChannelAttribution==2.2.5

source scripts/apt.sh

command -v "$PY" >/dev/null || apt_install python3
PYVER=$("$PY" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
PYEXE=$("$PY" -c 'import os, sys; print(os.path.realpath(sys.executable))')
STAMP_WANT="python=$PYVER $PYEXE ${BUILD_PINS[*]} ${RUN_PINS[*]} $PEER_PIN"
STAMP=$VENV/.sheetkpi-oracle-stamp

if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_WANT" ] \
   && MPLBACKEND=Agg "$VENV/bin/python" -c 'import ChannelAttribution, mpmath' >/dev/null 2>&1; then
  echo "$PWD/$VENV/bin/python"
  exit 0
fi

# What the build needs from the system.
is_debian_python() { [ "$("$PY" -c 'import sys; print(sys.prefix)')" = /usr ] && command -v dpkg >/dev/null; }
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if is_debian_python; then apt_install python3-venv; else log "$PY has no venv/ensurepip"; exit 1; fi
fi
INC=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
if [ ! -f "$INC/Python.h" ]; then
  if is_debian_python; then apt_install python3-dev; else log "$PY has no C headers ($INC/Python.h)"; exit 1; fi
fi
command -v g++ >/dev/null || apt_install g++

if [ -d "$VENV" ]; then log "rebuilding $VENV (pins or python changed, or incomplete)"; rm -rf "$VENV"; fi
log "python -m venv $VENV (python $PYVER)"
"$PYEXE" -m venv "$VENV"
VPY=$VENV/bin/python
PIP=("$VPY" -m pip install -q --disable-pip-version-check --no-input)
log "pip install ${BUILD_PINS[*]} ${RUN_PINS[*]}"
"${PIP[@]}" --only-binary :all: "${BUILD_PINS[@]}" "${RUN_PINS[@]}"
log "pip install $PEER_PIN (compiles its C++ core: a minute or two)"
# No wheel cache: a wheel cached from another venv may have been built against another numpy.
"${PIP[@]}" --no-cache-dir --no-build-isolation "$PEER_PIN" # an sdist only: pip compiles it
MPLBACKEND=Agg "$VPY" -c 'import ChannelAttribution, mpmath' >/dev/null # it imports, or we stop here
echo "$STAMP_WANT" > "$STAMP"
log "ready"
echo "$PWD/$VPY"
