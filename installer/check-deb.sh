#!/usr/bin/env bash
# Builds the .deb (installer/package.sh), installs it as a user would (apt-get install ./file.deb),
# checks the installed program and removes it again. Needs root and apt-get (CI runs it: .ci/run).
#   - /usr/bin/attention-workbench devices prints the devices as JSON;
#   - pointcloud info and render work without a display (the bunny from ../shared, GL through EGL or Java);
#   - without a display it stops with one message and status 3, no stack trace;
#   - its GUI starts under Xvfb and shows the main window (a screenshot with more than
#     $MIN_COLOURS colours, kept in installer/target/installed-gui.png);
#   - the start-up time to the shown window (wall and CPU time), and the installed size, are printed.
# Options: --skip-build (package what app/target holds), --startup-runs N (default 1; median printed),
#          --keep (leave the package installed).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/installer/target
MIN_COLOURS=${MIN_COLOURS:-64}
skip_build="" runs=1 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=--skip-build ;;
    --startup-runs) runs=$2; shift ;;
    --keep) keep=yes ;;
    *) echo "check-deb: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "check-deb: installs a package, so it runs as root on Debian/Ubuntu (it is a CI step)" >&2
  exit 1
fi
step() { echo "== check-deb: $*" >&2; }
fail() { echo "check-deb: FAILED: $*" >&2; exit 1; }

need=()
for tool in Xvfb:xvfb import:imagemagick xdotool:xdotool fakeroot:fakeroot objcopy:binutils dpkg-deb:dpkg-dev; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  step "installing ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

step "building the package"
t0=$(date +%s)
"$root/installer/package.sh" $skip_build
deb=$(ls "$out"/attention-workbench_*.deb)
step "package built in $(( $(date +%s) - t0 )) s: $deb ($(du -h "$deb" | cut -f1))"

# a desktop has these (its menu packages make them); a bare CI container has not, and without them
# xdg-desktop-menu makes no menu entry (the package still installs: see linux/deb/postinst)
mkdir -p /etc/xdg/menus /usr/share/desktop-directories /usr/share/applications /usr/share/mime/packages
step "installing it (apt-get install ./$(basename "$deb"))"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ -z "$keep" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q attention-workbench >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
[ "$(command -v attention-workbench)" = /usr/bin/attention-workbench ] || fail "no /usr/bin/attention-workbench"
ls /usr/share/applications/*attention-workbench*.desktop >/dev/null 2>&1 || fail "no menu entry in /usr/share/applications"
installed_kb=$(dpkg-query -W -f='${Installed-Size}' attention-workbench)
step "installed: $(du -sh /opt/attention-workbench | cut -f1) in /opt/attention-workbench (dpkg Installed-Size ${installed_kb} KiB)"

step "attention-workbench devices"
json=$(cd /tmp && attention-workbench devices)
if command -v python3 >/dev/null 2>&1; then
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); assert d["devices"], "no devices"' "$json" \
    || fail "devices did not print JSON with a device list: $json"
else
  case "$json" in "{"*'"devices"'*"}") ;; *) fail "devices did not print JSON: $json" ;; esac
fi
echo "$json" | head -n 12

step "attention-workbench pointcloud info and render, without a display"
bunny=$root/../shared/data/pointclouds/bunny/stanford_bunny_reduced.ply
if [ -f "$bunny" ]; then
  info=$(cd /tmp && env -u DISPLAY -u WAYLAND_DISPLAY attention-workbench pointcloud info "$bunny")
  case "$info" in *'"points"'*'"bounds"'*) ;; *) fail "pointcloud info did not print the cloud's facts: $info" ;; esac
  echo "$info" | head -c 300; echo
  rm -f "$out/installed-bunny.png"
  (cd /tmp && env -u DISPLAY -u WAYLAND_DISPLAY attention-workbench pointcloud render "$bunny" \
      --out "$out/installed-bunny.png" --renderer gl --edl --width 320 --height 240) \
    || fail "pointcloud render failed"
  [ -s "$out/installed-bunny.png" ] || fail "pointcloud render wrote no PNG"
else
  step "no ../shared beside the checkout: point-cloud check skipped"
fi

step "the GUI without a display: one message, status 3"
set +e
msg=$(cd /tmp && env -u DISPLAY -u WAYLAND_DISPLAY attention-workbench 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 3 ] || fail "exit status $rc without a display (expected 3): $msg"
case "$msg" in *"no display"*) ;; *) fail "no 'no display' message: $msg" ;; esac
case "$msg" in *Exception*|*"	at "*) fail "a stack trace without a display: $msg" ;; esac
echo "$msg"

step "the GUI under Xvfb"
rm -f "$out/xvfb.display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$out/xvfb.display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$out/xvfb.display" ] && break; sleep 0.1; done
[ -s "$out/xvfb.display" ] || fail "Xvfb did not start"
export DISPLAY=:$(head -n 1 "$out/xvfb.display")
times=() cpus=()
for ((i = 1; i <= runs; i++)); do
  start=$(date +%s%N)
  (cd /tmp && exec attention-workbench >"$out/installed-gui.log" 2>&1) &
  app_pid=$!
  # the main window is mapped (shown) once its first frame is ready
  timeout 120 xdotool search --sync --onlyvisible --name "Attention Workbench" >/dev/null \
    || fail "no main window within 120 s: $(tail -n 20 "$out/installed-gui.log")"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  # and the CPU time it took (all threads, user + system): the wall time depends on the machine's load
  cpu=$(( $(awk '{ print $14 + $15 }' "/proc/$app_pid/stat") * 1000 / $(getconf CLK_TCK) ))
  times+=("$ms") cpus+=("$cpu")
  step "run $i: main window shown after $ms ms ($cpu ms of CPU time)"
  if [ "$i" = "$runs" ]; then
    sleep 8 # the sample image and the device come in off the FX thread
    import -display "$DISPLAY" -window root "$out/installed-gui.png"
    colours=$(convert "$out/installed-gui.png" -format %k info:)
    step "screenshot $out/installed-gui.png: $colours colours"
    [ "$colours" -gt "$MIN_COLOURS" ] || fail "the screenshot has $colours colours (want > $MIN_COLOURS)"
  fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  if grep -q "Exception in\|^[[:space:]]at " "$out/installed-gui.log"; then
    fail "a stack trace from the GUI: $(head -n 20 "$out/installed-gui.log")"
  fi
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
step "start-up to the main window: ${times[*]} ms (median $(median "${times[@]}") ms);" \
  "CPU time ${cpus[*]} ms (median $(median "${cpus[@]}") ms); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -z "$keep" ]; then
  step "removing it"
  DEBIAN_FRONTEND=noninteractive apt-get purge -y -q attention-workbench >/dev/null
  [ ! -e /usr/bin/attention-workbench ] || fail "/usr/bin/attention-workbench left after removal"
  [ ! -e /opt/attention-workbench/bin ] || fail "/opt/attention-workbench left after removal"
fi
step "OK"
