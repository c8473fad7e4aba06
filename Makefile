# mvx top-level build.
#
#   make          build everything: patched kernel (cached), kmvx.ko, umvx,
#                 fakeproc, the test programs and the VM's initramfs
#   make run      boot the VM, load kmvx, inspect fakeproc with umvx;
#                 a shell in the VM when run from a terminal
#   make check    build everything and run every test (host and VM)
#   make check-sanitize
#                 the in-VM suites, the fuzzer (tests/fuzz/) with a
#                 million calls among them, and a kmemleak scan, on a
#                 kernel of their own with KASAN, UBSAN, kmemleak, DEBUG_PAGEALLOC,
#                 lockdep, full preemption and fault injection (built
#                 once and cached; its kmvx.ko and initramfs go to
#                 build/sanitize/); up to an hour in the VM, so not part
#                 of make check
#   make debug    boot the VM stopped, with QEMU's gdb stub on :1234
#   make bench    run the benchmarks in the VM and print their figures
#                 (on two kernels of its own without lock debugging, with
#                 and without the series, built once and cached)
#   make lint     checkpatch on the patch series and module, mandoc on man/
#   make clean    remove build products (the kernel cache stays)

BUILD     := build
KDIR_FILE := $(BUILD)/kernel-dir
INITRD    := $(BUILD)/initramfs.cpio.gz
JOBS      ?= $(shell nproc)
KDIR       = $$(cat $(KDIR_FILE))

all: $(INITRD)

deps:
	@scripts/install-deps

# The kernel is cached outside the checkout, keyed by what goes into it;
# vm/build-kernel decides whether anything needs building.
kernel: deps
	@mkdir -p $(BUILD)
	@vm/build-kernel > $(KDIR_FILE).tmp && mv $(KDIR_FILE).tmp $(KDIR_FILE)
	@echo "kernel: $$(cat $(KDIR_FILE))"

modules: kernel
	$(MAKE) -s -C $(KDIR) M=$(CURDIR)/kmod modules
	$(MAKE) -s -C $(KDIR) M=$(CURDIR)/tests/hook modules
	$(MAKE) -s -C $(KDIR) M=$(CURDIR)/tests/notifier modules

userspace: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

$(INITRD): modules userspace
	@vm/mkinitramfs $(BUILD) $@

run: $(INITRD)
	@if [ -t 0 ]; then mode=shell; else mode=demo; fi; \
	vm/boot $$mode $(KDIR) $(INITRD) $(BUILD)/run.log

debug: $(INITRD)
	@echo "debug: QEMU waits for gdb on :1234; in another terminal run:"
	@echo "  gdb -x debug/gdbinit"
	@ln -sfn $(KDIR) $(BUILD)/kernel
	@vm/boot debug $(KDIR) $(INITRD)

check: $(INITRD)
	@scripts/check $(BUILD) $(KDIR)

# Not on $(INITRD): the modules in it are the test kernel's, and that
# kernel is not needed here. scripts/check-sanitize builds the rest.
check-sanitize: userspace
	@scripts/check-sanitize $(BUILD)

bench: $(INITRD)
	@scripts/bench $(BUILD)

lint: kernel
	@scripts/lint $(KDIR)

clean:
	-$(MAKE) -s -C $(KDIR) M=$(CURDIR)/kmod clean 2>/dev/null
	-$(MAKE) -s -C $(KDIR) M=$(CURDIR)/tests/hook clean 2>/dev/null
	-$(MAKE) -s -C $(KDIR) M=$(CURDIR)/tests/notifier clean 2>/dev/null
	rm -rf $(BUILD)

.PHONY: all deps kernel modules userspace run debug check check-sanitize bench \
	lint clean
