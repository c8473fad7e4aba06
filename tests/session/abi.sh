#!/bin/sh
# The session ioctls of /dev/mvx spoken raw: every error mvx.h lists,
# states and counters, and that failed requests change nothing.
sessabi
