package org.attentionworkbench.compute.zoo.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lean Attention (arXiv 2405.10480) for the decode phase: one query row per head against a long
 * KV cache, exact softmax attention split into chunks whose partial results (m, ℓ, o) are merged
 * by the associative rule m = max(m1, m2), ℓ = ℓ1·e^(m1−m) + ℓ2·e^(m2−m),
 * o = (ℓ1·e^(m1−m)·o1 + ℓ2·e^(m2−m)·o2) / ℓ. Three schedules over a ForkJoin pool:
 * <ul>
 * <li>{@link #noSplit}: one task per head (the plain kernel: few heads leave threads idle);
 * <li>{@link #fixedSplit}: FlashDecoding, each head cut into S equal chunks;
 * <li>{@link #lean}: stream-K, all heads' tiles of {@code tile} keys laid end to end and cut into
 *     {@code workers} contiguous runs of ⌈T/workers⌉ tiles, so a run may cross a head boundary and
 *     the chunks (a run's piece within one head) are unequal.
 * </ul>
 * Layout: q [H, Dh]; k, v [H, N, Dh]; out [H, Dh]. Arrays hold at most 2³¹−1 floats, so H·N·Dh does too.
 */
public final class LeanAttention {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private LeanAttention() {}

    /** Softmax attention over a range of keys: max score m, ℓ = Σ e^(s−m), o = Σ e^(s−m)·v / ℓ. */
    public record Partial(float m, float l, float[] o) {
        /** The associative merge; a partial over no keys (ℓ = 0) is its identity. */
        public static Partial merge(Partial a, Partial b) {
            if (a.l == 0) {
                return b;
            }
            if (b.l == 0) {
                return a;
            }
            float m = Math.max(a.m, b.m);
            float wa = a.l * (float) Math.exp(a.m - m), wb = b.l * (float) Math.exp(b.m - m), l = wa + wb;
            float[] o = new float[a.o.length];
            for (int c = 0; c < o.length; c++) {
                o[c] = (wa * a.o[c] + wb * b.o[c]) / l;
            }
            return new Partial(m, l, o);
        }
    }

    /** One piece of work: keys [from, to) of one head. */
    public record Chunk(int head, int from, int to) {}

    /**
     * The partial of keys [from, to) of head {@code head}: scores, their max, then e^(s−m) and the
     * weighted values in a second sweep. {@code scores} is a buffer of at least to − from floats.
     */
    public static Partial partial(float[] q, float[] k, float[] v, int n, int dh, float scale, int head, int from,
            int to, float[] scores) {
        float[] o = new float[dh];
        if (from >= to) {
            return new Partial(Float.NEGATIVE_INFINITY, 0f, o);
        }
        int qOff = head * dh, base = head * n * dh;
        float m = Float.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            float s = scale * dot(q, qOff, k, base + j * dh, dh);
            scores[j - from] = s;
            m = Math.max(m, s);
        }
        float l = 0;
        for (int j = from; j < to; j++) {
            float p = (float) Math.exp(scores[j - from] - m);
            l += p;
            axpy(p, v, base + j * dh, o, dh);
        }
        for (int c = 0; c < dh; c++) {
            o[c] /= l;
        }
        return new Partial(m, l, o);
    }

    /** One task per head; out [H, Dh]. */
    public static float[] noSplit(float[] q, float[] k, float[] v, int heads, int n, int dh, float scale,
            ForkJoinPool pool) {
        List<Chunk> chunks = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            chunks.add(new Chunk(h, 0, n));
        }
        return run(singles(chunks), q, k, v, heads, n, dh, scale, pool);
    }

    /** FlashDecoding: each head in {@code splits} chunks of equal size (±1 key). */
    public static float[] fixedSplit(float[] q, float[] k, float[] v, int heads, int n, int dh, float scale,
            int splits, ForkJoinPool pool) {
        return run(singles(fixedSchedule(heads, n, splits)), q, k, v, heads, n, dh, scale, pool);
    }

    /** Stream-K: see {@link #leanSchedule}. */
    public static float[] lean(float[] q, float[] k, float[] v, int heads, int n, int dh, float scale, int tile,
            int workers, ForkJoinPool pool) {
        return run(leanSchedule(heads, n, tile, workers), q, k, v, heads, n, dh, scale, pool);
    }

    public static List<Chunk> fixedSchedule(int heads, int n, int splits) {
        check(heads, n, 1, 1);
        if (splits <= 0) {
            throw new IllegalArgumentException("fixed split needs a positive split count, got " + splits);
        }
        List<Chunk> chunks = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            for (int s = 0; s < splits; s++) {
                int from = (int) ((long) n * s / splits), to = (int) ((long) n * (s + 1) / splits);
                if (from < to) {
                    chunks.add(new Chunk(h, from, to));
                }
            }
        }
        return chunks;
    }

    /**
     * The stream-K schedule: T = H·⌈N/tile⌉ tiles in head order, worker w taking tiles
     * [w·c, (w+1)·c) with c = ⌈T/workers⌉, cut at head boundaries. One list of chunks per worker (a
     * worker's chunks run in one task, one after the other, as one CTA would); the last workers may get less or none.
     */
    public static List<List<Chunk>> leanSchedule(int heads, int n, int tile, int workers) {
        check(heads, n, tile, workers);
        long perHead = (n + tile - 1) / tile, total = heads * perHead, run = (total + workers - 1) / workers;
        List<List<Chunk>> schedule = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Chunk> mine = new ArrayList<>();
            long t0 = Math.min(total, w * run), t1 = Math.min(total, t0 + run);
            for (long t = t0; t < t1; ) {
                int h = (int) (t / perHead);
                long end = Math.min(t1, (h + 1) * perHead); // this run's piece within head h
                int from = (int) ((t - h * perHead) * tile), to = (int) Math.min(n, (end - h * perHead) * tile);
                mine.add(new Chunk(h, from, to));
                t = end;
            }
            schedule.add(mine);
        }
        return schedule;
    }

    /** One task per chunk. */
    private static List<List<Chunk>> singles(List<Chunk> chunks) {
        return chunks.stream().map(List::of).toList();
    }

    /** Runs each task's chunks, one after the other, as one pool task; merges the partials per head in task order. */
    private static float[] run(List<List<Chunk>> tasks, float[] q, float[] k, float[] v, int heads, int n, int dh,
            float scale, ForkJoinPool pool) {
        check(heads, n, 1, 1);
        if (q.length != heads * dh || (long) heads * n * dh != k.length || k.length != v.length) {
            throw new IllegalArgumentException("lean attention: q needs H·Dh = " + heads * dh + " floats and k, v "
                    + "H·N·Dh = " + (long) heads * n * dh + ", got " + q.length + ", " + k.length + ", " + v.length);
        }
        List<Future<List<Partial>>> futures = new ArrayList<>();
        for (List<Chunk> task : tasks) {
            Callable<List<Partial>> body = () -> {
                int longest = task.stream().mapToInt(c -> c.to() - c.from()).max().orElse(0);
                float[] scores = new float[longest];
                List<Partial> out = new ArrayList<>();
                for (Chunk c : task) {
                    out.add(partial(q, k, v, n, dh, scale, c.head(), c.from(), c.to(), scores));
                }
                return out;
            };
            futures.add(pool.submit(body));
        }
        Partial[] perHead = new Partial[heads];
        try {
            for (int t = 0; t < tasks.size(); t++) {
                List<Partial> got = futures.get(t).get();
                for (int i = 0; i < got.size(); i++) {
                    int h = tasks.get(t).get(i).head();
                    perHead[h] = perHead[h] == null ? got.get(i) : Partial.merge(perHead[h], got.get(i));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("lean attention interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("lean attention: a chunk failed", e.getCause());
        }
        float[] out = new float[heads * dh];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(perHead[h].o(), 0, out, h * dh, dh);
        }
        return out;
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int len) {
        int c = 0;
        FloatVector acc = FloatVector.zero(S);
        for (; c + S.length() <= len; c += S.length()) {
            acc = FloatVector.fromArray(S, a, ao + c).fma(FloatVector.fromArray(S, b, bo + c), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < len; c++) {
            s = Math.fma(a[ao + c], b[bo + c], s);
        }
        return s;
    }

    /** o += p · v[vo : vo + len]. */
    private static void axpy(float p, float[] v, int vo, float[] o, int len) {
        int c = 0;
        for (; c + S.length() <= len; c += S.length()) {
            FloatVector.fromArray(S, v, vo + c).fma(FloatVector.broadcast(S, p), FloatVector.fromArray(S, o, c)).intoArray(o, c);
        }
        for (; c < len; c++) {
            o[c] = Math.fma(p, v[vo + c], o[c]);
        }
    }

    private static void check(int heads, int n, int tile, int workers) {
        if (heads <= 0 || n <= 0 || tile <= 0 || workers <= 0) {
            throw new IllegalArgumentException("lean attention needs positive heads, N, tile and workers, got "
                    + heads + ", " + n + ", " + tile + ", " + workers);
        }
    }
}
