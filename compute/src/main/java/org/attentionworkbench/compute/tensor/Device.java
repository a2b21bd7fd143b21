package org.attentionworkbench.compute.tensor;


/**
 * A place where tensors live and ops run. Ops may be queued asynchronously; {@link #download}
 * and {@link #finish} wait for them. A device is used from one thread at a time.
 */
public interface Device extends Ops, AutoCloseable {

    DeviceInfo info();

    /** A zero-filled tensor. */
    Tensor allocate(int... shape);

    /** A tensor holding a copy of {@code data} (row-major, length = product of shape). */
    Tensor upload(float[] data, int... shape);

    /**
     * A weight matrix (K×N, row-major) for the B operand of {@link #linear}, which ops only read:
     * the device may hold it in a layout of its own that its GEMM reads faster (the Java backend
     * keeps the micro-kernel's panels). Downloads still give the row-major values; writing to it
     * is an error.
     */
    default Tensor uploadWeight(float[] data, int k, int n) {
        return upload(data, k, n);
    }

    /**
     * A tensor over {@code data} itself (row-major, length = product of shape) on devices that
     * compute in host memory, so that ops writing the tensor fill the array with no download (the
     * views' attention maps); null on devices whose tensors live elsewhere, where the caller
     * allocates and downloads instead. The caller must not use the array while an op writes it.
     */
    default Tensor wrap(float[] data, int... shape) {
        return null;
    }

    /** Copies a tensor into {@code dst} (length ≥ size). */
    void download(Tensor src, float[] dst);

    default float[] download(Tensor src) {
        float[] out = new float[Math.toIntExact(src.size())];
        download(src, out);
        return out;
    }

    /** Blocks until every queued op has completed. */
    void finish();

    /** Releases the device's resources; tensors allocated on it become invalid. */
    @Override
    void close();
}
