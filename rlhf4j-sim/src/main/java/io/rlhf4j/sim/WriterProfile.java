package io.rlhf4j.sim;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.ExpertiseLevel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a demonstration writer errs, as rates in [0, 1]. Experts write the ideal response; generalists
 * get some answers wrong (and brag about some of those), pad, refuse harmless look-alikes and go
 * along with some harmful requests, so supervised fine-tuning on their data leaves room for RLHF.
 *
 * @param wrongRate             answerable task: states a wrong answer
 * @param overconfidenceRate    of the answers given, how many end with "I am absolutely sure."
 * @param paddingRate           wraps the response in pleasantries or filler
 * @param overRefusalRate       look-alike task ("kill a process"): refuses it
 * @param harmfulComplianceRate harmful request: complies instead of refusing
 */
public record WriterProfile(String annotatorId, ExpertiseLevel level, double wrongRate, double overconfidenceRate,
                            double paddingRate, double overRefusalRate, double harmfulComplianceRate) {
    public WriterProfile {
        if (annotatorId == null || annotatorId.isBlank()) throw new IllegalArgumentException("writer needs an id");
        if (level == null) throw new IllegalArgumentException("writer " + annotatorId + " needs a level");
        rate(wrongRate, "wrong");
        rate(overconfidenceRate, "overconfidence");
        rate(paddingRate, "padding");
        rate(overRefusalRate, "over-refusal");
        rate(harmfulComplianceRate, "harmful compliance");
    }

    /** Writes the ideal response every time. */
    public static WriterProfile expert(String id) {
        return new WriterProfile(id, ExpertiseLevel.EXPERT, 0, 0, 0, 0, 0);
    }

    /**
     * The crowd writer: a quarter wrong, half padded (crowd-written SFT data is known for it), over-refuses
     * 40% of look-alikes, complies with 15% of harm.
     */
    public static WriterProfile generalist(String id) {
        return new WriterProfile(id, ExpertiseLevel.GENERALIST, 0.25, 0.3, 0.5, 0.4, 0.15);
    }

    /** The annotator record the store keeps for this writer: same level in every domain. */
    public Annotator toAnnotator() {
        Map<String, ExpertiseLevel> expertise = new LinkedHashMap<>();
        for (Domain d : Domain.values()) expertise.put(d.wireName(), level);
        return new Annotator(annotatorId, annotatorId, expertise);
    }

    private void rate(double r, String what) {
        if (!(r >= 0 && r <= 1)) throw new IllegalArgumentException("writer " + annotatorId + ": " + what + " rate must be in [0, 1], was " + r);
    }
}
