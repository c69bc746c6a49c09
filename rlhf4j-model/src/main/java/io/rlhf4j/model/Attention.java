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

    /**
     * softmax(q kᵀ / √d + bias) v with grouped-query heads: q [B, H, T, d], k and v [B, KV, S, d],
     * query head h uses kv head h / (H/KV) (HF's repeat_kv order). Grouping q as [B, KV, rep*T, d]
     * lets one batched matmul serve all heads without copying k/v.
     * {@code scale} is 1/√d as a 0-d array the caller keeps alive until backward (see {@link Scalars}).
     * Returns [B, T, H*d].
     */
    public static NDArray attend(NDArray q, NDArray k, NDArray v, NDArray bias, NDArray scale) {
        Shape qs = q.getShape();
        long b = qs.get(0), h = qs.get(1), t = qs.get(2), d = qs.get(3);
        long kv = k.getShape().get(1), s = k.getShape().get(2);
        long rep = h / kv;
        NDArray kT = k.transpose(0, 1, 3, 2);
        kT.attach(q.getManager()); // the view must die with this step, not with the cache
        NDArray scores = q.reshape(b, kv, rep * t, d).matMul(kT).mul(scale);
        // Explicit axis: DJL's softmax(-1) was measured slower than naming the axis.
        NDArray probs = scores.reshape(b, h, t, s).add(bias).softmax(3);
        NDArray out = probs.reshape(b, kv, rep * t, s).matMul(v);
        return out.reshape(b, h, t, d).transpose(0, 2, 1, 3).reshape(b, t, h * d);
    }
}
