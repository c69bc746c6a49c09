package io.rlhf4j.train.reward;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rlhf4j.model.ScalarHeadModel;
import io.rlhf4j.model.io.ModelIO;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained reward model as a {@link RewardFunction}: scores prompt ++ response at its last token
 * and subtracts the normalisation offset (so the reference policy's mean reward is 0, which keeps
 * PPO's reward scale and KL penalty comparable across reward models).
 *
 * <p>The offset and the truncation length travel in the saved model's config.json as
 * {@value #OFFSET_KEY} and {@value #MAX_LENGTH_KEY} (HF loaders ignore unknown keys).
 */
public final class RewardModelScorer implements RewardFunction, AutoCloseable {
    public static final String OFFSET_KEY = "rlhf4j_reward_offset";
    public static final String MAX_LENGTH_KEY = "rlhf4j_reward_max_length";
    public static final String PAD_KEY = "rlhf4j_reward_pad_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScalarHeadModel model;
    private final double offset;
    private final int maxLength;
    private final int padId;
    private final int batchSize;
    private final boolean owned;

    /** Wraps a live model without owning it (closing this scorer leaves the model open). */
    public RewardModelScorer(ScalarHeadModel model, double offset, int maxLength, int padId, int batchSize) {
        this(model, offset, maxLength, padId, batchSize, false);
    }

    private RewardModelScorer(ScalarHeadModel model, double offset, int maxLength, int padId, int batchSize, boolean owned) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        this.model = model;
        this.offset = offset;
        this.maxLength = maxLength;
        this.padId = padId;
        this.batchSize = batchSize;
        this.owned = owned;
    }

    /** Loads a reward model saved by {@link RewardTrainer#save}; the scorer owns (and closes) it. */
    public static RewardModelScorer load(Path dir, NDManager parent) {
        JsonNode config = readConfig(dir);
        ScalarHeadModel model = ModelIO.loadScalarHead(dir, parent);
        return new RewardModelScorer(model, config.path(OFFSET_KEY).asDouble(0), config.path(MAX_LENGTH_KEY).asInt(
                model.trunk().config().maxPositions()), config.path(PAD_KEY).asInt(0), 32, true);
    }

    public double offset() { return offset; }

    public ScalarHeadModel model() { return model; }

    @Override
    public double[] score(List<int[]> prompts, List<int[]> responses) {
        if (prompts.size() != responses.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts but " + responses.size() + " responses");
        }
        double[] out = new double[prompts.size()];
        for (int from = 0; from < out.length; from += batchSize) {
            int to = Math.min(out.length, from + batchSize);
            List<int[]> seqs = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) seqs.add(TokenSequences.join(prompts.get(i), responses.get(i), maxLength));
            try (NDManager m = model.trunk().manager().newSubManager()) {
                TokenSequences.Batch b = TokenSequences.leftPadded(seqs, padId, m);
                float[] raw = model.scores(b.ids(), b.mask(), padId).toFloatArray();
                for (int i = from; i < to; i++) out[i] = raw[i - from] - offset;
            }
        }
        return out;
    }

    /** Adds the scorer's settings to a saved model's config.json. */
    static void writeSettings(Path dir, double offset, int maxLength, int padId) {
        ObjectNode config = (ObjectNode) readConfig(dir);
        config.put(OFFSET_KEY, offset);
        config.put(MAX_LENGTH_KEY, maxLength);
        config.put(PAD_KEY, padId);
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ModelIO.CONFIG).toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + dir.resolve(ModelIO.CONFIG), e);
        }
    }

    private static JsonNode readConfig(Path dir) {
        try {
            return JSON.readTree(dir.resolve(ModelIO.CONFIG).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(ModelIO.CONFIG), e);
        }
    }

    @Override
    public void close() {
        if (owned) model.close();
    }
}
