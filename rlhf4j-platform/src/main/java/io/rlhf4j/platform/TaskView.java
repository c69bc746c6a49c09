package io.rlhf4j.platform;

import io.rlhf4j.core.data.Turn;

import java.util.List;

/**
 * One task as an annotator sees it: the prompt, the candidate texts in the order shown (position 0 is
 * "A"), the guideline they work under. Deliberately absent: completion ids, model names, other
 * annotators' work, and whether the item is gold.
 */
public record TaskView(String taskId, String projectId, String projectName, TaskType taskType, int guidelineVersion,
                       String guideline, String domain, List<Turn> conversation, List<String> candidates,
                       JustificationPolicy justification, long leaseExpiresAt, boolean submitted) {}
