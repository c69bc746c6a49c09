package io.rlhf4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Masking, positions and scaled dot-product attention shared by the architectures. */
public final class Attention {
    /**
     * Added to disallowed scores. Finite (like HF's finfo.min) so a query with no allowed key (a pad
     * query) gets a uniform distribution instead of NaN, which would leak into other rows' sums.
     */
    static final double MASKED = -1e9;

    private Attention() {}

    /**
     * What a forward pass needs from the mask: the additive attention bias ({@code null}: nothing is
     * masked) and the position ids of the new tokens.
     */
    public record Masking(NDArray bias, NDArray positions) {}

    /**
     * Bias and positions for {@code newLen} new tokens after {@code past} cached ones. Without a mask
     * (no padding) both are cheap: positions are past, past+1, ... for every row ([1, T], broadcast),
     * the bias is causal only ([1, 1, T, S]) and absent for a single new token, which may see every
     * key: a decode step then builds no mask at all. With a mask, see {@link #causalBias} and
     * {@link #positions}.
     */
    public static Masking masking(NDManager m, NDArray attentionMask, long batch, int past, int newLen, DataType dtype) {
        if (attentionMask == null) {
            NDArray positions = m.arange(past, past + newLen, 1, DataType.INT64).reshape(1, newLen);
            return new Masking(newLen == 1 ? null : causalOnlyBias(m, past, newLen, dtype), positions);
        }
        NDArray mask = maskOrOnes(m, attentionMask, batch, past + newLen);
        return new Masking(causalBias(m, mask, past, newLen, dtype), positions(mask, past));
    }

    /** Int64 mask [B, S]; all ones when {@code mask} is null. */
    public static NDArray maskOrOnes(NDManager m, NDArray mask, long batch, long totalLen) {
        if (mask == null) return m.ones(new Shape(batch, totalLen), DataType.INT64);
        if (mask.getShape().dimension() != 2 || mask.getShape().get(0) != batch || mask.getShape().get(1) != totalLen) {
            throw new IllegalArgumentException("attention mask must be [" + batch + ", " + totalLen + "] (past + new), got "
                    + mask.getShape());
        }
        return mask.toType(DataType.INT64, false);
    }

    /**
     * Position ids [B, T] of the new tokens: the count of real tokens before each one, so left
     * padding does not shift positions. Pad positions get 0 (their outputs are never used).
     */
    public static NDArray positions(NDArray mask64, int past) {
        NDArray pos = mask64.cumSum(1).sub(1).maximum(0);
        return pos.get(":, " + past + ":");
    }

    /**
     * Additive bias [B, 1, T, S]: 0 where query i (absolute index past+i) may see key j (j <= past+i
     * and key j is a real token), {@link #MASKED} elsewhere.
     */
    public static NDArray causalBias(NDManager m, NDArray mask64, int past, int newLen, DataType dtype) {
        long batch = mask64.getShape().get(0);
        int total = past + newLen;
        NDArray keyIdx = m.arange(0, total, 1, DataType.INT64).reshape(1, total);
        NDArray queryIdx = m.arange(past, total, 1, DataType.INT64).reshape(newLen, 1);
        NDArray causal = keyIdx.lte(queryIdx).reshape(1, 1, newLen, total);
        NDArray keyReal = mask64.eq(1).reshape(batch, 1, 1, total);
        NDArray allowed = causal.logicalAnd(keyReal).toType(dtype, false);
        return allowed.sub(1).mul(-MASKED);
    }

    /** {@link #causalBias} for a batch without padding: [1, 1, T, S], the same values for every row. */
    static NDArray causalOnlyBias(NDManager m, int past, int newLen, DataType dtype) {
        int total = past + newLen;
        NDArray keyIdx = m.arange(0, total, 1, DataType.INT64).reshape(1, total);
        NDArray queryIdx = m.arange(past, total, 1, DataType.INT64).reshape(newLen, 1);
        return keyIdx.lte(queryIdx).toType(dtype, false).sub(1).mul(-MASKED).reshape(1, 1, newLen, total);
    }

    /**
     * softmax(q kᵀ / √d + bias) v with grouped-query heads: q [B, H, T, d], k and v [B, KV, S, d],
     * query head h uses kv head h / (H/KV) (HF's repeat_kv order). Grouping q as [B, KV, rep*T, d]
     * lets one batched matmul serve all heads without copying k/v.
     * {@code scale} is 1/√d as a 0-d array the caller keeps alive until backward (see {@link Scalars});
     * {@code bias} may be null (nothing masked).
     * Returns [B, T, H*d].
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, NDArray scale) {
        Shape qs = q.getShape();
        long b = qs.get(0), h = qs.get(1), t = qs.get(2), d = qs.get(3);
        long kv = k.getShape().get(1), s = k.getShape().get(2);
        long rep = h / kv;
        NDArray kT = k.transpose(0, 1, 3, 2);
        kT.attach(q.getManager()); // the view must die with this step, not with the cache
        // Scaling q rather than the scores: a pass over [B, H, T, d] instead of [B, H, T, S], and the
        // product is contiguous, so the batched matmul needs no copy of q (exact when 1/√d is a power of 2).
        NDArray qScaled = q.mul(scale);
        // Without grouping (rep 1) the reshapes are identities: skipped, as each is a native call.
        NDArray raw = rep == 1 ? qScaled.matMul(kT) : qScaled.reshape(b, kv, rep * t, d).matMul(kT);
        NDArray scores = rep == 1 ? raw : raw.reshape(b, h, t, s);
        // In place: the matmul's backward needs q and k, not its output, so no [B, H, T, S] copy is made.
        if (bias != null) scores.addi(bias);
        // Explicit axis: DJL's softmax(-1) was measured slower than naming the axis.
        NDArray probs = scores.softmax(3);
        // DJL would hold every [B, H, T, S] array until the step's manager closes: at 512 tokens those
        // dominate a training step's memory. Autograd keeps what backward needs (softmax's output)
        // itself, so the Java handles go as soon as the forward pass is done with them.
        closeBoth(scores, raw);
        NDArray grouped = rep == 1 ? probs : probs.reshape(b, kv, rep * t, s);
        NDArray out = rep == 1 ? grouped.matMul(v) : grouped.matMul(v).reshape(b, h, t, d);
        closeBoth(grouped, probs);
        return out.transpose(0, 2, 1, 3).reshape(b, t, h * d);
    }

    private static void closeBoth(NDArray view, NDArray base) {
        if (view != base) view.close();
        base.close();
    }
}
