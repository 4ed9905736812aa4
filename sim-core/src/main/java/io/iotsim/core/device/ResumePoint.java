package io.iotsim.core.device;

/**
 * Where a running device's schedule stood when it was handed off (its shard moved to another node,
 * or its node left gracefully): its next reading was due at {@code nextDueMillis} with sequence
 * {@code sequence}. Everything before was published on the old node, so the new incarnation
 * continues exactly here: the readings that fell due while it moved go out at once (a short
 * catch-up), none twice. Carried by the wake that recreates it, never kept by a device that stays.
 */
public record ResumePoint(long nextDueMillis, long sequence) {}
