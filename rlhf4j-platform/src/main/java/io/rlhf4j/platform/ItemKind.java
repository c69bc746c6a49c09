package io.rlhf4j.platform;

/** REAL items are the work; GOLD and QUALIFICATION items have known answers and measure the annotator. */
public enum ItemKind { REAL, GOLD, QUALIFICATION }
