"""Loaded by every Python subprocess of the tests (this folder is on PYTHONPATH): guard the network."""

import netguard

netguard.install(netguard.NetworkBlocked)
