"""Regions 区 → 镇/街道 → 村/社区 and targets broken down to them."""
