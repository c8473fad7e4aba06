# Shared settings of the VM scripts; sourced, not run.
# MVX_CACHE: where built kernels are kept, outside the checkout.

VM_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$VM_DIR/.." && pwd)
MVX_CACHE=${MVX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mvx}
KSRC_TAR=/usr/src/linux-source-6.1.tar.xz

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# The cache key covers everything that changes the built kernel: Debian's
# source package version, the patch series ($1, default ours), the config
# fragments ($2, default kernel.config) and the build script itself.
kernel_key() {
	series=${1:-$TOP/patch/series}
	fragments=${2:-$VM_DIR/kernel.config}
	{
		dpkg-query -W -f='${Version}\n' linux-source-6.1
		cat "$series"
		while read -r p; do cat "$TOP/patch/$p"; done < "$series"
		# shellcheck disable=SC2086 # one word per fragment
		cat $fragments "$VM_DIR/build-kernel"
	} | sha256sum | cut -c1-16
}

# Directory of the built kernel tree for the current sources, the patch
# series $1 (default ours) and the config fragments $2.
kernel_dir() {
	echo "$MVX_CACHE/kernel-$(kernel_key "${1:-}" "${2:-}")"
}
