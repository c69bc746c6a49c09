package io.rlhf4j.core.stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain majority vote per item, the baseline Dawid-Skene is initialised from and compared against. */
public final class MajorityVote {
    private MajorityVote() {
    }

    /**
     * Most frequent label per item; ties go to the lowest label so results are deterministic.
     *
     * @param numClasses number of categories K; labels must be in 0..K-1
     */
    public static Map<String, Integer> labels(List<Annotation> annotations, int numClasses) {
        Map<String, int[]> votes = votes(annotations, numClasses);
        Map<String, Integer> labels = new LinkedHashMap<>();
        votes.forEach((item, counts) -> {
            int best = 0;
            for (int k = 1; k < numClasses; k++) {
                if (counts[k] > counts[best]) {
                    best = k;
                }
            }
            labels.put(item, best);
        });
        return labels;
    }

    /** Vote counts per item, in order of first appearance. */
    static Map<String, int[]> votes(List<Annotation> annotations, int numClasses) {
        if (annotations == null || annotations.isEmpty()) {
            throw new IllegalArgumentException("no annotations");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + numClasses);
        }
        Map<String, int[]> votes = new LinkedHashMap<>();
        for (Annotation a : annotations) {
            if (a.label() >= numClasses) {
                throw new IllegalArgumentException("label " + a.label() + " of annotator '" + a.annotator()
                        + "' on item '" + a.item() + "' is outside 0.." + (numClasses - 1));
            }
            votes.computeIfAbsent(a.item(), i -> new int[numClasses])[a.label()]++;
        }
        return votes;
    }
}
