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
# source package version, the patch series, the config fragment and the
# build script itself.
kernel_key() {
	{
		dpkg-query -W -f='${Version}\n' linux-source-6.1
		cat "$TOP/patch/series"
		while read -r p; do cat "$TOP/patch/$p"; done < "$TOP/patch/series"
		cat "$VM_DIR/kernel.config" "$VM_DIR/build-kernel"
	} | sha256sum | cut -c1-16
}

# Directory of the built, patched kernel tree for the current sources.
kernel_dir() {
	echo "$MVX_CACHE/kernel-$(kernel_key)"
}
