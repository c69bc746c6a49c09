package io.rlhf4j.core.data;

/** How well an annotator knows a domain; routing prefers higher levels for a prompt's domain. */
public enum ExpertiseLevel {
    NOVICE, GENERALIST, EXPERT;
}
