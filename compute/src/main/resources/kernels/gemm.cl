// GEMM: C[b] = alpha * op(A[b]) * op(B[b]) + bias.
// Dimensions: b batch, M×K op(A), K×N op(B), M×N C. Panels: PW rows (or columns) of an operand,
// stored k-major so a kernel streams one contiguous block per panel: panel[p][k][j].
// Build options: -DMR (rows per work-item), -DVW (float vector width; a work-item covers 2·VW
// columns) for gemm_block; -DTS, -DTK, -DWPT for the local-memory gemm_tiled (GPUs).

#ifndef MR
#define MR 8
#endif
#ifndef VW
#define VW 16
#endif
#define NR (2 * VW)
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define floatV CAT(float, VW)
#define vloadV CAT(vload, VW)
#define vstoreV CAT(vstore, VW)

// Packs op(src) into zero-padded panels of P rows: dst[b][p][kk][j] = X[p·P + j][kk], where X is
// rows×depth (rowMajor: src[r·depth + kk]; otherwise src stored depth×rows: src[kk·rows + r]).
// Zero padding (rows to a multiple of P, depth to depthPad) keeps edge tests out of the hot loop.
__kernel void pack_panels(__global float* restrict dst, __global const float* restrict src, long srcOff,
        int rows, int depth, int rowMajor, int P, int depthPad, long srcBatch, long dstBatch) {
    const int r = get_global_id(0);
    const int kk = get_global_id(1);
    const int b = get_global_id(2);
    const __global float* s = src + srcOff + b * srcBatch;
    float v = 0.0f;
    if (r < rows && kk < depth) {
        v = rowMajor ? s[(long) r * depth + kk] : s[(long) kk * rows + r];
    }
    const int p = r / P;
    const int j = r - p * P;
    dst[b * dstBatch + ((long) p * depthPad + kk) * P + j] = v;
}

// Scales one finished row segment, adds the bias (1: per column, 2: per row) and stores the
// columns that exist; only the last column block of a row takes the scalar path.
inline void store_row(__global float* crow, floatV v0, floatV v1, int col0, int N, float alpha,
        __global const float* bias, int biasMode, int row) {
    v0 *= alpha;
    v1 *= alpha;
    if (biasMode == 2) {
        v0 += bias[row];
        v1 += bias[row];
    }
    if (col0 + NR <= N) {
        if (biasMode == 1) {
            v0 += vloadV(0, bias + col0);
            v1 += vloadV(0, bias + col0 + VW);
        }
        vstoreV(v0, 0, crow + col0);
        vstoreV(v1, 0, crow + col0 + VW);
    } else {
        float t[NR];
        vstoreV(v0, 0, t);
        vstoreV(v1, 0, t + VW);
        for (int j = 0; col0 + j < N; j++) {
            crow[col0 + j] = t[j] + (biasMode == 1 ? bias[col0 + j] : 0.0f);
        }
    }
}

// One work-item computes an MR × 2·VW block of C in registers (CPU devices): per k it reads VW·2
// contiguous floats of the B panel and MR contiguous floats of the A panel (broadcast), and does
// 2·MR vector FMAs. gid0: A panel (fastest, so neighbours reuse the same B panel in cache).
#define ROW_DECL(i) floatV c##i##a = 0.0f, c##i##b = 0.0f;
#define ROW_FMA(i) { const floatV ai = (floatV) (a[i]); c##i##a = fma(ai, b0, c##i##a); c##i##b = fma(ai, b1, c##i##b); }
#define ROW_STORE(i) if (row0 + i < M) store_row(c + (long) (row0 + i) * N, c##i##a, c##i##b, col0, N, alpha, bias, biasMode, row0 + i);

__kernel void gemm_block(__global float* restrict C, __global const float* restrict Ap,
        __global const float* restrict Bp, __global const float* restrict bias, int M, int N, int K,
        long strideAp, long strideBp, long strideC, float alpha, int biasMode) {
    const int mb = get_global_id(0);
    const int nb = get_global_id(1);
    const int b = get_global_id(2);
    const __global float* a = Ap + b * strideAp + (long) mb * K * MR;
    const __global floatV* bp = (const __global floatV*) (Bp + b * strideBp + (long) nb * K * NR);
    // accumulators: MR rows × 2 vectors
    ROW_DECL(0)
#if MR > 1
    ROW_DECL(1)
#endif
#if MR > 2
    ROW_DECL(2)
#endif
#if MR > 3
    ROW_DECL(3)
#endif
#if MR > 4
    ROW_DECL(4)
#endif
#if MR > 5
    ROW_DECL(5)
#endif
#if MR > 6
    ROW_DECL(6)
#endif
#if MR > 7
    ROW_DECL(7)
#endif
    // the hot loop: contiguous streams, no edge tests
    for (int k = 0; k < K; k++) {
        const floatV b0 = bp[0];
        const floatV b1 = bp[1];
        bp += 2;
        ROW_FMA(0)
#if MR > 1
        ROW_FMA(1)
#endif
#if MR > 2
        ROW_FMA(2)
#endif
#if MR > 3
        ROW_FMA(3)
#endif
#if MR > 4
        ROW_FMA(4)
#endif
#if MR > 5
        ROW_FMA(5)
#endif
#if MR > 6
        ROW_FMA(6)
#endif
#if MR > 7
        ROW_FMA(7)
#endif
        a += MR;
    }
    // write back the rows and columns that exist
    __global float* c = C + b * strideC;
    const int row0 = mb * MR;
    const int col0 = nb * NR;
    ROW_STORE(0)
#if MR > 1
    ROW_STORE(1)
#endif
#if MR > 2
    ROW_STORE(2)
#endif
#if MR > 3
    ROW_STORE(3)
#endif
#if MR > 4
    ROW_STORE(4)
#endif
#if MR > 5
    ROW_STORE(5)
#endif
#if MR > 6
    ROW_STORE(6)
#endif
#if MR > 7
    ROW_STORE(7)
#endif
}

#ifndef TS
#define TS 64
#endif
#ifndef TK
#define TK 16
#endif
#ifndef WPT
#define WPT 4
#endif
#define RTS (TS / WPT)

// Local-memory tiled GEMM for GPUs: a (TS/WPT)² work-group computes a TS×TS tile of C, each
// work-item WPT×WPT values spread with stride RTS (no bank conflicts). Panels are TS wide and
// K is padded to TK, so a TK×TS slice of a panel is one contiguous, coalesced block.
__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void gemm_tiled(__global float* restrict C, __global const float* restrict Ap,
        __global const float* restrict Bp, __global const float* restrict bias, int M, int N, int Kp,
        long strideAp, long strideBp, long strideC, float alpha, int biasMode) {
    const int tx = get_local_id(0);
    const int ty = get_local_id(1);
    const int nb = get_group_id(0);
    const int mb = get_group_id(1);
    const int b = get_global_id(2);
    const int tid = ty * RTS + tx;
    __local float As[TK * TS];
    __local float Bs[TK * TS];
    const __global float* a = Ap + b * strideAp + (long) mb * Kp * TS;
    const __global float* bb = Bp + b * strideBp + (long) nb * Kp * TS;
    float acc[WPT][WPT];
    for (int i = 0; i < WPT; i++) {
        for (int j = 0; j < WPT; j++) {
            acc[i][j] = 0.0f;
        }
    }
    for (int k0 = 0; k0 < Kp; k0 += TK) {
        // stage one TK×TS slice of each panel (contiguous in memory)
        for (int l = tid; l < TK * TS; l += RTS * RTS) {
            As[l] = a[(long) k0 * TS + l];
            Bs[l] = bb[(long) k0 * TS + l];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        // multiply the slices out of local memory
        for (int kk = 0; kk < TK; kk++) {
            float av[WPT];
            float bv[WPT];
            for (int i = 0; i < WPT; i++) {
                av[i] = As[kk * TS + ty + RTS * i];
                bv[i] = Bs[kk * TS + tx + RTS * i];
            }
            for (int i = 0; i < WPT; i++) {
                for (int j = 0; j < WPT; j++) {
                    acc[i][j] = fma(av[i], bv[j], acc[i][j]);
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    // write back with bias
    __global float* c = C + b * strideC;
    for (int i = 0; i < WPT; i++) {
        const int row = mb * TS + ty + RTS * i;
        if (row >= M) {
            continue;
        }
        for (int j = 0; j < WPT; j++) {
            const int col = nb * TS + tx + RTS * j;
            if (col < N) {
                float v = alpha * acc[i][j];
                v += biasMode == 1 ? bias[col] : biasMode == 2 ? bias[row] : 0.0f;
                c[(long) row * N + col] = v;
            }
        }
    }
}
