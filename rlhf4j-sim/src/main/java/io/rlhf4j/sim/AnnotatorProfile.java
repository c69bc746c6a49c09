package io.rlhf4j.sim;

import io.rlhf4j.core.data.Annotator;
import io.rlhf4j.core.data.ExpertiseLevel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one simulated annotator perceives responses. Choices follow a Bradley-Terry model of the gold
 * total: P(A preferred) = sigmoid((goldA - goldB) / T + biases), where the temperature T depends on
 * the annotator's expertise in the task's domain (experts see small quality gaps, novices do not) and
 * the biases are in log-odds:
 *
 * @param expertise      level per domain; the same map is what the annotator claims to the platform,
 *                       so careless annotators and spammers look like ordinary generalists there
 * @param lengthBias     log-odds per word of length difference in favour of the longer response
 * @param confidenceBias log-odds in favour of a response that sounds sure ("definitely", "I am sure")
 * @param positionBias   log-odds in favour of whichever response is shown first (A)
 * @param randomRate     probability of ignoring the content and answering at random
 * @param alwaysA        a spammer: always "A much better", whatever is shown
 * @param secondsPerTask typical time spent on one judgment
 */
public record AnnotatorProfile(String id, Kind kind, Map<Domain, ExpertiseLevel> expertise, double lengthBias,
                               double confidenceBias, double positionBias, double randomRate, boolean alwaysA,
                               double secondsPerTask) {
    public enum Kind { EXPERT, GENERALIST, POSITION_BIASED, CARELESS, SPAMMER }

    /** Bradley-Terry temperatures on the gold-total scale [0, 1], by expertise in the task's domain. */
    public static final double T_EXPERT = 0.05, T_GENERALIST = 0.3, T_NOVICE = 0.6;

    public AnnotatorProfile {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("annotator profile needs an id");
        if (kind == null) throw new IllegalArgumentException("annotator " + id + " needs a kind");
        expertise = expertise == null ? Map.of() : Map.copyOf(expertise);
        if (!(randomRate >= 0 && randomRate <= 1)) throw new IllegalArgumentException("annotator " + id + ": random rate must be in [0, 1]");
        if (!(secondsPerTask > 0)) throw new IllegalArgumentException("annotator " + id + ": seconds per task must be positive");
    }

    public ExpertiseLevel levelIn(Domain domain) {
        return expertise.getOrDefault(domain, ExpertiseLevel.NOVICE);
    }

    public double temperature(Domain domain) {
        return switch (levelIn(domain)) {
            case EXPERT -> T_EXPERT;
            case GENERALIST -> T_GENERALIST;
            case NOVICE -> T_NOVICE;
        };
    }

    /** Expert in the given domains, a sober generalist elsewhere, no biases. */
    public static AnnotatorProfile expert(String id, Domain... domains) {
        Map<Domain, ExpertiseLevel> levels = everywhere(ExpertiseLevel.GENERALIST);
        for (Domain d : domains) levels.put(d, ExpertiseLevel.EXPERT);
        return new AnnotatorProfile(id, Kind.EXPERT, levels, 0, 0, 0, 0, false, 25);
    }

    /** Noisier, and like crowd workers in the literature, swayed by length and by confident tone. */
    public static AnnotatorProfile generalist(String id) {
        return new AnnotatorProfile(id, Kind.GENERALIST, everywhere(ExpertiseLevel.GENERALIST), 0.08, 0.8, 0, 0, false, 20);
    }

    /** A generalist who also favours whatever is shown first. */
    public static AnnotatorProfile positionBiased(String id) {
        return new AnnotatorProfile(id, Kind.POSITION_BIASED, everywhere(ExpertiseLevel.GENERALIST), 0.08, 0.8, 1.0, 0, false, 18);
    }

    /** Clicks at random, quickly: accuracy against gold about one half. */
    public static AnnotatorProfile careless(String id) {
        return new AnnotatorProfile(id, Kind.CARELESS, everywhere(ExpertiseLevel.GENERALIST), 0, 0, 0, 1.0, false, 5);
    }

    /** Always "A much better", in about two seconds. */
    public static AnnotatorProfile spammer(String id) {
        return new AnnotatorProfile(id, Kind.SPAMMER, everywhere(ExpertiseLevel.GENERALIST), 0, 0, 0, 0, true, 2);
    }

    /**
     * The panel the demo and the routing experiment use: one expert per domain, three generalists, one
     * position-biased generalist, two careless annotators and a spammer (12 people).
     */
    public static List<AnnotatorProfile> standardPanel() {
        List<AnnotatorProfile> panel = new ArrayList<>();
        for (Domain d : Domain.values()) panel.add(expert("expert-" + d.wireName(), d));
        for (int i = 1; i <= 3; i++) panel.add(generalist("generalist-" + i));
        panel.add(positionBiased("position-biased-1"));
        panel.add(careless("careless-1"));
        panel.add(careless("careless-2"));
        panel.add(spammer("spammer-1"));
        return List.copyOf(panel);
    }

    /** The record the store keeps: claimed expertise per domain wire name. */
    public Annotator toAnnotator() {
        Map<String, ExpertiseLevel> claimed = new LinkedHashMap<>();
        expertise.forEach((d, level) -> claimed.put(d.wireName(), level));
        return new Annotator(id, id, claimed);
    }

    private static Map<Domain, ExpertiseLevel> everywhere(ExpertiseLevel level) {
        Map<Domain, ExpertiseLevel> m = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) m.put(d, level);
        return m;
    }
}
