#!/usr/bin/env bash
# Draws the application icon (attention-workbench.png, committed beside this script) with ImageMagick:
# a 6×6 grid of image patches coloured like an attention map (inferno colours) around one patch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
palette=("#fcffa4" "#f9c932" "#f98e09" "#e45a31" "#bc3754" "#87216b" "#57106e" "#2a0b4a")
draw=()
n=6 cell=34 gap=4 origin=16 fx=2 fy=2
for ((y = 0; y < n; y++)); do
  for ((x = 0; x < n; x++)); do
    d=$(( (x - fx) * (x - fx) + (y - fy) * (y - fy) ))           # squared distance to the focus
    i=$(( d == 0 ? 0 : d <= 1 ? 1 : d <= 2 ? 2 : d <= 5 ? 3 : d <= 8 ? 4 : d <= 13 ? 5 : d <= 18 ? 6 : 7 ))
    x0=$((origin + x * (cell + gap))) y0=$((origin + y * (cell + gap)))
    draw+=(-fill "${palette[$i]}" -draw "roundrectangle $x0,$y0 $((x0 + cell)),$((y0 + cell)) 5,5")
  done
done
convert -size 256x256 xc:none -fill "#161b26" -draw "roundrectangle 0,0 255,255 36,36" "${draw[@]}" \
  -strip attention-workbench.png
