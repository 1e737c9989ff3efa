"""Measurement: retrieval recall on question sets, LeCoQA."""
