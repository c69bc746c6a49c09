package io.rlhf4j.core.data;

/** How bad a flagged policy violation is. */
public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }
