package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A transformer trunk with a scalar head, for reward and value models: {@code value = h · wᵀ} at
 * every position, read at the last real token for a sequence score. Named as HF's
 * *ForSequenceClassification with num_labels = 1 ({@code score.weight} [1, hidden], no bias), so
 * a saved reward model loads there too. The trunk's lm_head is simply not used.
 */
public final class ScalarHeadModel implements AutoCloseable {
    public static final String HEAD = "score.weight";

    private final CausalLm trunk;
    private final NDManager manager;
    private final NDArray head;

    /** Takes ownership of {@code trunk} and {@code head} [1, hidden]. */
    public ScalarHeadModel(CausalLm trunk, NDArray head) {
        Shape expected = new Shape(1, trunk.config().hiddenSize());
        if (!head.getShape().equals(expected)) {
            throw new IllegalArgumentException(HEAD + " must be " + expected + ", got " + head.getShape());
        }
        this.trunk = trunk;
        this.manager = trunk.manager().newSubManager();
        this.head = head;
        head.attach(manager);
    }

    /** Head initialised normal(0, 1/√(hidden+1)) as TRL's value head, seeded. */
    public static ScalarHeadModel withNewHead(CausalLm trunk, long seed) {
        int d = trunk.config().hiddenSize();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[d];
        double std = 1.0 / Math.sqrt(d + 1.0);
        for (int i = 0; i < d; i++) {
            double u1 = 1.0 - rng.nextDouble(), u2 = rng.nextDouble();
            w[i] = std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        }
        DataType dtype = trunk.parameters().values().iterator().next().getDataType();
        NDArray head = trunk.manager().create(w, new Shape(1, d)).toType(dtype, false);
        return new ScalarHeadModel(trunk, head);
    }

    public CausalLm trunk() { return trunk; }

    /** Trunk parameters followed by {@value #HEAD}. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> all = new LinkedHashMap<>(trunk.parameters());
        all.put(HEAD, head);
        return Collections.unmodifiableMap(all);
    }

    /** Per-position scalars [B, T]. */
    public NDArray values(NDArray ids, NDArray mask) {
        NDArray hidden = trunk.hiddenStates(ids, mask, null);
        return Linear.linear(hidden, head).singletonOrThrow().squeeze(2);
    }

    /** One scalar per sequence [B]: the value at the last real token. */
    public NDArray scores(NDArray ids, NDArray mask) {
        return atLastToken(values(ids, mask), mask);
    }

    /**
     * One scalar per sequence [B], pooled as transformers' *ForSequenceClassification does with
     * {@code pad_token_id = padTokenId}: at the last position whose token is not the pad token (and,
     * here, not masked out). With a pad token that real text never contains, that is the last real
     * token, as {@link #scores(NDArray, NDArray)}; with pad = EOS it is the token before a trailing
     * EOS, in both engines. Training and scoring with this rule is what makes a saved reward model
     * score the same in transformers.
     */
    public NDArray scores(NDArray ids, NDArray mask, int padTokenId) {
        NDArray notPad = ids.toType(DataType.INT64, false).neq(padTokenId).toType(DataType.INT64, false);
        NDArray keep = mask == null ? notPad : notPad.mul(mask.toType(DataType.INT64, false));
        return atLastToken(values(ids, mask), keep);
    }

    /**
     * Picks {@code values[b, last(b)]} where last(b) is the highest index with mask 1 (works for
     * left and right padding). A null mask means the last column.
     */
    public static NDArray atLastToken(NDArray values, NDArray mask) {
        long b = values.getShape().get(0), t = values.getShape().get(1);
        if (mask == null) return values.get(":, -1");
        NDArray rank = values.getManager().arange(1, (int) t + 1, 1, DataType.INT64).reshape(1, t);
        NDArray last = mask.toType(DataType.INT64, false).mul(rank).argMax(1).reshape(b, 1);
        return values.gather(last, 1).reshape(b);
    }

    @Override
    public void close() {
        manager.close();
        trunk.close();
    }
}
