package org.attentionworkbench.compute.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A value on the reverse-mode tape: a row-major float array with its shape, the values it was computed
 * from and how to pass a gradient back to them. Parameters ({@link #param}) and everything computed from
 * them record their gradient; constants ({@link #constant}) do not, so the tape stays short.
 *
 * <p>The tape is the graph itself: {@link #backward()} on a scalar walks it in reverse topological order.
 * Gradients accumulate (as in PyTorch) until {@link #zeroGrad()} or an optimiser's {@code zeroGrad}.
 */
public final class Var {
    private final float[] data;
    private final int[] shape;
    private final boolean requiresGrad;
    private final Var[] parents;
    private Runnable backwardStep;
    private float[] grad;

    Var(float[] data, int[] shape, Var... parents) {
        this(data, shape, anyRequiresGrad(parents), parents);
    }

    private Var(float[] data, int[] shape, boolean requiresGrad, Var[] parents) {
        if (data.length != count(shape)) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.shape = shape.clone();
        this.requiresGrad = requiresGrad;
        this.parents = requiresGrad ? parents : new Var[0]; // a constant's history is not needed
    }

    /** A trainable value: records its gradient. The array is used, not copied (optimisers update it in place). */
    public static Var param(float[] data, int... shape) {
        return new Var(data, shape, true, new Var[0]);
    }

    /** A value that needs no gradient (inputs, targets). */
    public static Var constant(float[] data, int... shape) {
        return new Var(data, shape, false, new Var[0]);
    }

    public static Var scalar(float v) {
        return constant(new float[] {v});
    }

    /** The values, row-major (live: a parameter's array is the one the optimiser updates). */
    public float[] data() {
        return data;
    }

    /** The accumulated gradient (zeros before any backward pass). */
    public float[] grad() {
        if (grad == null) {
            grad = new float[data.length];
        }
        return grad;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The single value of a scalar (any shape with one element). */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() of a value with " + data.length + " elements");
        }
        return data[0];
    }

    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
    }

    /** Back-propagates d(this)/d(every parameter it depends on), adding into their {@link #grad()}. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() needs a scalar, not shape " + Arrays.toString(shape));
        }
        if (!requiresGrad) {
            return;
        }
        List<Var> order = topologicalOrder();
        grad()[0] += 1;
        for (int i = order.size() - 1; i >= 0; i--) {
            Var v = order.get(i);
            if (v.backwardStep != null && v.grad != null) {
                v.backwardStep.run();
            }
        }
        // intermediate gradients are not kept: only leaves (parameters) hold theirs afterwards
        for (Var v : order) {
            if (v.parents.length > 0) {
                v.grad = null;
            }
        }
    }

    /** Iterative post-order, so deep graphs (long training unrolls) do not overflow the stack. */
    private List<Var> topologicalOrder() {
        List<Var> order = new ArrayList<>();
        Set<Var> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {this, 0});
        seen.add(this);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Var v = (Var) top[0];
            int next = (Integer) top[1];
            if (next < v.parents.length) {
                top[1] = next + 1;
                Var p = v.parents[next];
                if (p.requiresGrad && seen.add(p)) {
                    stack.push(new Object[] {p, 0});
                }
            } else {
                stack.pop();
                order.add(v);
            }
        }
        return order;
    }

    /** Set by the op that made this value: adds this value's gradient into its parents'. */
    void onBackward(Runnable step) {
        if (requiresGrad) {
            this.backwardStep = step;
        }
    }

    /** The gradient buffer of an op's input, or null when that input needs none (skip the work). */
    float[] gradIfNeeded() {
        return requiresGrad ? grad() : null;
    }

    static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a dimension ≤ 0");
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) n;
    }

    private static boolean anyRequiresGrad(Var[] vs) {
        for (Var v : vs) {
            if (v.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Var" + Arrays.toString(shape) + (requiresGrad ? " (grad)" : "");
    }

}
