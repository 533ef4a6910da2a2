#!/bin/sh
# Put rallyorg in your app menu (for you only: no administrator password needed).
#   ./install.sh              add rallyorg to the app menu, and `rallyorg` to ~/.local/bin
#   ./install.sh --uninstall  take them away again (your data stays where it is)
# rallyorg runs from this folder: move the folder first if you want it elsewhere, then run this.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
bin="$HOME/.local/bin"
app_id=org.rallyorg.Rallyorg
sizes="16 32 48 64 128 256 512"

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
          "$data/icons/hicolor/scalable/apps/$app_id.svg"
    for size in $sizes; do rm -f "$data/icons/hicolor/${size}x$size/apps/$app_id.png"; done
    if [ -L "$bin/rallyorg" ]; then rm -f "$bin/rallyorg"; fi
    echo "rallyorg is no longer in your app menu. Your rallies and volunteers are still saved;"
    echo "delete this folder to remove the program itself."
    exit 0
fi

if [ ! -x "$here/rallyorg-gui" ]; then
    echo "install.sh: rallyorg-gui is not in $here; run install.sh from the unpacked rallyorg folder." >&2
    exit 1
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps" "$bin"
for size in $sizes; do
    mkdir -p "$data/icons/hicolor/${size}x$size/apps"
    cp "$here/share/icons/hicolor/${size}x$size/apps/$app_id.png" "$data/icons/hicolor/${size}x$size/apps/"
done
cp "$here/share/icons/hicolor/scalable/apps/$app_id.svg" "$data/icons/hicolor/scalable/apps/"
cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
# The menu entry starts this folder's rallyorg-gui (quoted: the folder may have spaces).
sed "s|^Exec=rallyorg-gui|Exec=\"$here/rallyorg-gui\"|" \
    "$here/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
ln -sf "$here/rallyorg" "$bin/rallyorg"

# Desktops notice new entries by themselves; these make it immediate where the tools exist.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true

echo "rallyorg is in your app menu (Office). From a terminal: rallyorg --help"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "(~/.local/bin is not on your PATH yet; it usually is after you log in again.)" ;;
esac
