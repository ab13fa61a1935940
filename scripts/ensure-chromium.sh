#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (never a downloaded browser). Installs it when missing and
# this machine can (root with apt-get); otherwise says what to do.
set -euo pipefail
path=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$path" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Устанавливаю Chromium из пакетов Debian для браузерных тестов…" >&2
  (apt-get install -y --no-install-recommends chromium >/dev/null 2>&1) || (apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null)
  exit 0
fi
echo "Для браузерных тестов нужен Chromium из пакетов Debian: sudo apt-get install -y chromium (или укажите CHROMIUM_PATH)." >&2
exit 1
