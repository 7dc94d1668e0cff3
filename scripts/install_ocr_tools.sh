#!/usr/bin/env bash
# Install what the OCR simulator (scripts/ocr_degrade.py) needs: Tesseract
# with its English model, the Times-like serif fonts of its default font mix,
# and the Python libraries it imports.
#
# usage: scripts/install_ocr_tools.sh
#   Run as root (or with sudo available) on Debian 12.  Idempotent: packages
#   already present are left as they are; running it again only re-checks.
#   Environment: PIP (default "python3 -m pip"), FORCE=1 to run apt-get/pip
#   even when everything is already installed.
#
# Installs (Debian 12 + PyPI):
#   apt-get update
#   apt-get install -y tesseract-ocr tesseract-ocr-eng fonts-liberation2 fonts-freefont-ttf fonts-texgyre
#   pip install pillow numpy
set -euo pipefail

APT_PKGS=(tesseract-ocr tesseract-ocr-eng fonts-liberation2 fonts-freefont-ttf fonts-texgyre)
PIP="${PIP:-python3 -m pip}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null && SUDO="sudo" || { echo "need root or sudo for apt-get" >&2; exit 1; }
fi

missing=()
for p in "${APT_PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 || "${FORCE:-0}" == 1 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update
    $SUDO apt-get install -y "${APT_PKGS[@]}"
else
    echo "apt packages already installed: ${APT_PKGS[*]}"
fi

if ! python3 -c "import PIL, numpy" 2>/dev/null || [[ "${FORCE:-0}" == 1 ]]; then
    $PIP install pillow numpy
else
    echo "python packages already installed: pillow numpy"
fi

# report versions (what the generated files depend on)
tesseract --version 2>&1 | head -1
dpkg-query -W -f='${Package} ${Version}\n' "${APT_PKGS[@]}"
python3 -c "import sys, PIL, numpy; print('Python', sys.version.split()[0], '| Pillow', PIL.__version__, '| numpy', numpy.__version__)"
tesseract --list-langs 2>/dev/null | grep -qx eng || { echo "tesseract English model missing" >&2; exit 1; }
