package io.rlhf4j.core.data;

/**
 * Where a completion came from: a model checkpoint with its sampling settings, a person, or an
 * imported data set. Leaderboards group completions by {@link #model()}.
 */
public record Provenance(Source source, String model, String checkpoint, SamplingSettings sampling) {
    public enum Source { MODEL, HUMAN, IMPORTED }

    public Provenance {
        Checks.present(source, "provenance.source");
        Checks.id(model, "provenance.model");
        sampling = sampling == null ? SamplingSettings.UNKNOWN : sampling;
    }

    public static Provenance model(String model, String checkpoint, SamplingSettings sampling) {
        return new Provenance(Source.MODEL, model, checkpoint, sampling);
    }

    public static Provenance imported(String dataset) {
        return new Provenance(Source.IMPORTED, dataset, null, SamplingSettings.UNKNOWN);
    }

    public static Provenance human(String annotatorId) {
        return new Provenance(Source.HUMAN, annotatorId, null, SamplingSettings.UNKNOWN);
    }
}
