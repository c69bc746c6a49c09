package io.rlhf4j.core.data;

/** What a dataset file holds, one entry per line: a prompt with its completions and judgments, or an annotator. */
public sealed interface DatasetEntry permits DatasetItem, Annotator {}
