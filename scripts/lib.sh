# Shared helpers for scripts/demo and scripts/test. Sourced, not run.

say() { printf '\n==> %s\n' "$*"; }

warn() {
  local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  printf '\n%s\n!! %s\n%s\n\n' "$line" "$*" "$line" >&2
}

# Installs Debian packages that are missing, when we can (as root, with apt).
# Returns non-zero if any package is still missing afterwards.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing ${missing[*]} from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  else
    echo "Missing Debian packages: ${missing[*]} (install them, or run as root so this script can)." >&2
    return 1
  fi
}
