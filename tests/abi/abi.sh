#!/bin/sh
# The /dev/mvx ioctl ABI, spoken raw.
abi
