package org.attentionworkbench.compute.colorize;

import java.util.ArrayList;
import java.util.List;
import org.attentionworkbench.compute.tensor.Device;
import org.attentionworkbench.compute.tensor.Tensor;

/**
 * Jacobi-preconditioned conjugate gradients for Levin's system A x = 0 on the free pixels, on a
 * {@link Device}: the same iteration as {@link LevinColorization#pcg} on the host, written in Ops.
 * A is the graph Laplacian as 3×3 stencil weights; fixed (hinted) pixels are held by a 0/1 mask
 * that zeroes their rows, and by a preconditioner that is zero there, so p never moves them.
 *
 * <p>Host↔device traffic per solve: the start x and the mask up, the solution down; per iteration
 * three dot products (one float each) down, the step sizes α and β up as kernel arguments.
 *
 * <p>Legend: w×h grid; every vector is [h, w].
 */
final class DevicePcg implements AutoCloseable {
    private final Device d;
    private final Tensor stencil;
    private final int w, h;
    /** 1 on free pixels, 0 on fixed ones; its product with 1/diag is the preconditioner. */
    private final Tensor free, precond;
    private final Tensor x, r, z, p, q, t;
    private final Tensor s1, s2;

    /**
     * @param stencil the Laplacian's weights [h, w, 9] on {@code d}
     * @param invDiag 1 / its diagonal [h, w] on {@code d}
     * @param freeMask 1 on free pixels, 0 on fixed ones (P values)
     */
    DevicePcg(Device d, Tensor stencil, Tensor invDiag, int w, int h, float[] freeMask) {
        this.d = d;
        this.stencil = stencil;
        this.w = w;
        this.h = h;
        free = d.upload(freeMask, h, w);
        precond = d.allocate(h, w);
        d.mul(precond, invDiag, free);
        x = d.allocate(h, w);
        r = d.allocate(h, w);
        z = d.allocate(h, w);
        p = d.allocate(h, w);
        q = d.allocate(h, w);
        t = d.allocate(h, w);
        s1 = d.allocate(1);
        s2 = d.allocate(1);
    }

    /** out = A in with the fixed rows zeroed. */
    private void apply(Tensor out, Tensor in) {
        d.stencil3x3(out, in, stencil);
        d.mul(out, out, free);
    }

    /** v += a · u (t is the scratch). */
    private void axpy(Tensor v, float a, Tensor u) {
        d.scale(t, u, a);
        d.add(v, v, t);
    }

    private double dot(Tensor a, Tensor b) {
        d.dot(s1, a, b);
        return d.download(s1)[0];
    }

    /**
     * Solves in place on {@code xHost} (fixed entries hold the hints), from its current values.
     * Stops when |r| ≤ tol·|b|, b = -(A x_fixed), as the host version.
     */
    LevinColorization.Solve solve(float[] xHost, int maxIter, double tol, ProgressListener progress) {
        Tensor start = d.upload(xHost, h, w);
        try {
            d.copy(x, start);
        } finally {
            start.close();
        }
        // |b|: the operator applied to the fixed values alone, x - x ⊙ free
        d.mul(t, x, free);
        d.scale(t, t, -1f);
        d.add(z, x, t);
        apply(q, z);
        double bNorm = Math.sqrt(dot(q, q));
        // r = -(A x) on the free pixels
        apply(q, x);
        d.scale(r, q, -1f);
        double rNorm = Math.sqrt(dot(r, r));
        List<Double> history = new ArrayList<>();
        history.add(bNorm == 0 ? 0 : rNorm / bNorm);
        if (bNorm == 0 || rNorm <= tol * bNorm) {
            return new LevinColorization.Solve(0, history.get(0), new double[] {history.get(0)});
        }
        // z = M⁻¹ r, p = z
        d.mul(z, r, precond);
        d.copy(p, z);
        double rz = dot(r, z);
        int it = 0;
        while (it < maxIter) {
            if ((it & 31) == 0 && progress.cancelled()) {
                throw new ColorizationCancelledException("levin");
            }
            // q = A p, α = rz / pᵀq
            apply(q, p);
            double pq = dot(p, q);
            if (pq <= 0) {
                break;
            }
            float alpha = (float) (rz / pq);
            axpy(x, alpha, p);
            axpy(r, -alpha, q);
            it++;
            // |r| and rᵀz in one round trip: both dots queued before the first download waits
            d.mul(z, r, precond);
            d.dot(s1, r, r);
            d.dot(s2, r, z);
            rNorm = Math.sqrt(d.download(s1)[0]);
            double rzNew = d.download(s2)[0];
            history.add(rNorm / bNorm);
            if (rNorm <= tol * bNorm) {
                break;
            }
            // p = z + β p
            float beta = (float) (rzNew / rz);
            rz = rzNew;
            d.scale(p, p, beta);
            d.add(p, p, z);
        }
        d.download(x, xHost);
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        return new LevinColorization.Solve(it, hist[hist.length - 1], hist);
    }

    @Override
    public void close() {
        for (Tensor v : new Tensor[] {free, precond, x, r, z, p, q, t, s1, s2}) {
            v.close();
        }
    }
}
