// Fused attention, FlashAttention-style: out = softmax(scale · q·kᵀ) · v without writing the
// Nq×Nk scores. Dimensions: BH batch·heads, Nq queries, Nk keys, DH head width (build option),
// WG query rows per work-group = keys per tile (build option).
// q, out [BH, Nq, DH]; k, v [BH, Nk, DH]; probs [BH, Nq, Nk], written only when write_probs != 0.
//
// One work-item per query row, a work-group per WG rows of one head. The group loads WG keys and
// values at a time into local memory; each work-item scores its row against the tile, then folds
// the tile into its running maximum m, denominator l and accumulator acc (online softmax: acc and l
// are rescaled once per tile when the maximum grows). Probabilities, when asked for, take a second
// pass over the keys with the final m and l, so they equal the exact softmax.

#ifndef DH
#error "build with -D DH=<head width>"
#endif
#ifndef WG
#error "build with -D WG=<rows per work-group>"
#endif

// Built with -D COUNT_IO, `attention` takes a last argument io [2] and adds to it the floats it loads
// from (io[0]) and stores to (io[1]) global memory, each work-item its own, counted where the access is
// written: the I/O count of this very source (AttentionTraffic's formula is checked against it).
#ifdef COUNT_IO
#define IO_PARAM , __global int* io
#define IO_COUNT(var, n) var += (n)
#define IO_FLUSH(nl, ns) atomic_add(&io[0], nl); atomic_add(&io[1], ns)
#else
#define IO_PARAM
#define IO_COUNT(var, n) (void) (n)
#define IO_FLUSH(nl, ns)
#endif

// Loads keys [j0, j0 + WG) of one head into kt and vt (zeros past Nk); one row per work-item.
// Returns the floats read from global memory.
inline int load_tile(__local float* kt, __local float* vt, const __global float* k, const __global float* v,
                     int j0, int nk, int lid) {
    const int j = j0 + lid;
    for (int c = 0; c < DH; c++) {
        kt[lid * DH + c] = j < nk ? k[(long) j * DH + c] : 0.0f;
        vt[lid * DH + c] = j < nk ? v[(long) j * DH + c] : 0.0f;
    }
    return j < nk ? 2 * DH : 0;
}

__kernel void attention(__global float* out, __global float* probs, int write_probs,
                        const __global float* q, const __global float* k, const __global float* v,
                        int nq, int nk, float scale IO_PARAM) {
    __local float kt[WG * DH];
    __local float vt[WG * DH];
    const int lid = get_local_id(0);
    const int row = get_global_id(0);
    const long head = get_global_id(1);
    const bool live = row < nq;
    const __global float* kh = k + head * nk * DH;
    const __global float* vh = v + head * nk * DH;

    // 1. this row's query, pre-scaled; rows past Nq compute on zeros and write nothing
    float qr[DH];
    float acc[DH];
    for (int c = 0; c < DH; c++) {
        qr[c] = live ? q[(head * nq + row) * DH + c] * scale : 0.0f;
        acc[c] = 0.0f;
    }
    float m = -INFINITY;
    float l = 0.0f;
    int nl = live ? DH : 0, ns = 0; // I/O counts (COUNT_IO builds only)

    // 2. tiles of keys: scores, online softmax, accumulate values
    for (int j0 = 0; j0 < nk; j0 += WG) {
        barrier(CLK_LOCAL_MEM_FENCE);
        IO_COUNT(nl, load_tile(kt, vt, kh, vh, j0, nk, lid));
        barrier(CLK_LOCAL_MEM_FENCE);
        const int n = min(WG, nk - j0);
        float s[WG];
        float tmax = -INFINITY;
        for (int j = 0; j < n; j++) {
            float dot = 0.0f;
            for (int c = 0; c < DH; c++) {
                dot = fma(qr[c], kt[j * DH + c], dot);
            }
            s[j] = dot;
            tmax = fmax(tmax, dot);
        }
        const float mnew = fmax(m, tmax);
        const float corr = exp(m - mnew); // 0 on the first tile (m = -inf)
        l *= corr;
        for (int c = 0; c < DH; c++) {
            acc[c] *= corr;
        }
        for (int j = 0; j < n; j++) {
            const float p = exp(s[j] - mnew);
            l += p;
            for (int c = 0; c < DH; c++) {
                acc[c] = fma(p, vt[j * DH + c], acc[c]);
            }
        }
        m = mnew;
    }

    // 3. normalise
    const float inv = 1.0f / l;
    if (live) {
        for (int c = 0; c < DH; c++) {
            out[(head * nq + row) * DH + c] = acc[c] * inv;
        }
        IO_COUNT(ns, DH);
    }

    // 4. probabilities for the views: the same scores again, with the final max and sum
    if (write_probs) {
        for (int j0 = 0; j0 < nk; j0 += WG) {
            barrier(CLK_LOCAL_MEM_FENCE);
            IO_COUNT(nl, load_tile(kt, vt, kh, vh, j0, nk, lid));
            barrier(CLK_LOCAL_MEM_FENCE);
            const int n = min(WG, nk - j0);
            IO_COUNT(ns, live ? n : 0);
            for (int j = 0; j < n && live; j++) {
                float dot = 0.0f;
                for (int c = 0; c < DH; c++) {
                    dot = fma(qr[c], kt[j * DH + c], dot);
                }
                probs[(head * nq + row) * nk + j0 + j] = exp(dot - m) * inv;
            }
        }
    }
    IO_FLUSH(nl, ns);
}

// FlashSigmoid: out = σ(scale · q·kᵀ + bias) · v, the same tiles as `attention` but with no running
// maximum, no denominator and no rescaling: each key's weight is final when it is scored, so the
// probabilities (σ values), when asked for, are written in the same pass. σ(x) = 1 / (1 + e^-x),
// which is 0 or 1 at the extremes (e^-x overflowing to +inf gives 0, not NaN).
__kernel void sigmoid_attention(__global float* out, __global float* probs, int write_probs,
                                const __global float* q, const __global float* k, const __global float* v,
                                int nq, int nk, float scale, float bias) {
    __local float kt[WG * DH];
    __local float vt[WG * DH];
    const int lid = get_local_id(0);
    const int row = get_global_id(0);
    const long head = get_global_id(1);
    const bool live = row < nq;
    const __global float* kh = k + head * nk * DH;
    const __global float* vh = v + head * nk * DH;

    float qr[DH];
    float acc[DH];
    for (int c = 0; c < DH; c++) {
        qr[c] = live ? q[(head * nq + row) * DH + c] * scale : 0.0f;
        acc[c] = 0.0f;
    }
    for (int j0 = 0; j0 < nk; j0 += WG) {
        barrier(CLK_LOCAL_MEM_FENCE);
        load_tile(kt, vt, kh, vh, j0, nk, lid);
        barrier(CLK_LOCAL_MEM_FENCE);
        const int n = min(WG, nk - j0);
        for (int j = 0; j < n; j++) {
            float dot = bias;
            for (int c = 0; c < DH; c++) {
                dot = fma(qr[c], kt[j * DH + c], dot);
            }
            const float p = 1.0f / (1.0f + exp(-dot));
            if (write_probs && live) {
                probs[(head * nq + row) * nk + j0 + j] = p;
            }
            for (int c = 0; c < DH; c++) {
                acc[c] = fma(p, vt[j * DH + c], acc[c]);
            }
        }
    }
    if (live) {
        for (int c = 0; c < DH; c++) {
            out[(head * nq + row) * DH + c] = acc[c];
        }
    }
}
