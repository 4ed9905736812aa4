package io.iotsim.cluster.scenario;

import io.iotsim.core.CborSerializable;

/** A scenario job as every node sees it: its status and the node (address) that runs it. */
record JobRecord(JobStatus status, String node) implements CborSerializable {}
