package org.attentionworkbench.compute.labs.icl;

/** Small dense double matrices (d×d, row-major) the labs need: products, inverse, symmetric eigenvalues. */
final class SmallLinalg {
    private SmallLinalg() {}

    static double[] multiply(double[] a, double[] b, int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                for (int j = 0; j < d; j++) {
                    c[i * d + j] += a[i * d + k] * b[k * d + j];
                }
            }
        }
        return c;
    }

    static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
        return t;
    }

    /** Inverse by Gauss-Jordan with partial pivoting. */
    static double[] inverse(double[] a, int d) {
        double[] m = a.clone();
        double[] inv = new double[d * d];
        for (int i = 0; i < d; i++) {
            inv[i * d + i] = 1;
        }
        for (int c = 0; c < d; c++) {
            int p = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) {
                    p = r;
                }
            }
            if (Math.abs(m[p * d + c]) < 1e-300) {
                throw new ArithmeticException("singular matrix");
            }
            swapRows(m, c, p, d);
            swapRows(inv, c, p, d);
            double piv = m[c * d + c];
            for (int j = 0; j < d; j++) {
                m[c * d + j] /= piv;
                inv[c * d + j] /= piv;
            }
            for (int r = 0; r < d; r++) {
                if (r != c) {
                    double f = m[r * d + c];
                    for (int j = 0; j < d; j++) {
                        m[r * d + j] -= f * m[c * d + j];
                        inv[r * d + j] -= f * inv[c * d + j];
                    }
                }
            }
        }
        return inv;
    }

    private static void swapRows(double[] m, int a, int b, int d) {
        for (int j = 0; j < d; j++) {
            double t = m[a * d + j];
            m[a * d + j] = m[b * d + j];
            m[b * d + j] = t;
        }
    }

    /** Eigenvalues of the symmetric part (A + Aᵀ)/2, ascending (cyclic Jacobi). */
    static double[] symmetricEigenvalues(double[] a, int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i * d + j] = (a[i * d + j] + a[j * d + i]) / 2;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    off += m[i * d + j] * m[i * d + j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = m[p * d + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (m[q * d + q] - m[p * d + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) { // rotate columns p, q
                        double mkp = m[k * d + p];
                        double mkq = m[k * d + q];
                        m[k * d + p] = c * mkp - s * mkq;
                        m[k * d + q] = s * mkp + c * mkq;
                    }
                    for (int k = 0; k < d; k++) { // rotate rows p, q
                        double mpk = m[p * d + k];
                        double mqk = m[q * d + k];
                        m[p * d + k] = c * mpk - s * mqk;
                        m[q * d + k] = s * mpk + c * mqk;
                    }
                }
            }
        }
        double[] ev = new double[d];
        for (int i = 0; i < d; i++) {
            ev[i] = m[i * d + i];
        }
        java.util.Arrays.sort(ev);
        return ev;
    }

    /** A random rotation (Gram-Schmidt of a Gaussian matrix), rows orthonormal. */
    static double[] randomRotation(int d, java.util.Random r) {
        double[] q = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                q[i * d + j] = r.nextGaussian();
            }
            for (int k = 0; k < i; k++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += q[i * d + j] * q[k * d + j];
                }
                for (int j = 0; j < d; j++) {
                    q[i * d + j] -= dot * q[k * d + j];
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += q[i * d + j] * q[i * d + j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                q[i * d + j] /= norm;
            }
        }
        return q;
    }
}
