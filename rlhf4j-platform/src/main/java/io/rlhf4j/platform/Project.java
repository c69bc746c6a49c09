package io.rlhf4j.platform;

import java.util.Set;

/**
 * An annotation project. overlap is how many distinct annotators judge each item; goldEvery mixes one
 * gold item into every N tasks (0: none); qualificationPass is the share of qualification items an
 * annotator must get right before real tasks (only when the project has qualification items).
 * A membersOnly project is open to its members only (see {@link Membership}).
 */
public record Project(String id, String name, Set<TaskType> taskTypes, int overlap, JustificationPolicy justification,
                      int goldEvery, double qualificationPass, int leaseSeconds, int guidelineVersion, boolean membersOnly) {
    public Project {
        taskTypes = Set.copyOf(taskTypes);
    }

    /** What an admin chooses when creating a project. */
    public record Spec(String name, Set<TaskType> taskTypes, int overlap, JustificationPolicy justification,
                       int goldEvery, double qualificationPass, int leaseSeconds, String guideline) {
        public static Spec of(String name, Set<TaskType> types, int overlap) {
            return new Spec(name, types, overlap, new JustificationPolicy(JustificationPolicy.Mode.OPTIONAL, 0),
                    0, 0.8, 600, "# Guideline\n\nPrefer the response that is helpful, accurate and harmless.");
        }

        public Spec withGoldEvery(int n) {
            return new Spec(name, taskTypes, overlap, justification, n, qualificationPass, leaseSeconds, guideline);
        }

        public Spec withLeaseSeconds(int s) {
            return new Spec(name, taskTypes, overlap, justification, goldEvery, qualificationPass, s, guideline);
        }

        public Spec withJustification(JustificationPolicy p) {
            return new Spec(name, taskTypes, overlap, p, goldEvery, qualificationPass, leaseSeconds, guideline);
        }
    }

    /** The version string recorded on every judgment given under this project's current guideline. */
    public String guidelineTag() {
        return id + "/v" + guidelineVersion;
    }
}
