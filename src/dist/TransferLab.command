#!/bin/sh
# macOS: double-click this file (Finder opens it in Terminal) to start TransferLab.
cd "$(dirname "$0")" && exec ./transferlab "$@"
