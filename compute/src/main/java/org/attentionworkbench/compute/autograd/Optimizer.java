package org.attentionworkbench.compute.autograd;

import java.util.List;

/** Updates parameters in place from their accumulated gradients. */
public interface Optimizer {

    /** One update from the current gradients. */
    void step();

    /** The parameters it updates. */
    List<Var> parameters();

    /** Clears every parameter's gradient (call before each backward pass). */
    default void zeroGrad() {
        for (Var p : parameters()) {
            p.zeroGrad();
        }
    }
}
