package org.attentionworkbench.compute.anomaly.refiner;

import java.nio.file.Path;
import java.util.List;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.anomaly.PatchRefiner;
import org.attentionworkbench.compute.checkpoint.CheckpointException;
import org.attentionworkbench.compute.tensor.Device;

/** A trained {@link RefinerNet} as the inspector's {@link PatchRefiner}: patch scores → σ(refiner logits). */
public final class OneNipRefiner implements PatchRefiner {
    private final RefinerNet net;
    private final Device device;
    private final String name;

    public OneNipRefiner(RefinerNet net, Device device, String name) {
        this.net = net;
        this.device = device;
        this.name = name;
    }

    /** Loads a refiner file; a bad file is a {@link CheckpointException} naming it. */
    public static OneNipRefiner load(Path file, Device device) {
        return new OneNipRefiner(RefinerNet.load(file), device, file.toString());
    }

    public RefinerNet net() {
        return net;
    }

    @Override
    public void check(PatchFeatures prompt) {
        if (prompt.dim() + 1 != net.inChannels()) {
            throw new CheckpointException(name, "the refiner was trained on features of dim " + (net.inChannels() - 1)
                    + ", this backbone gives " + prompt.dim() + " (train it with the same --backbone, --size and --taps)");
        }
    }

    @Override
    public float[] refine(PatchFeatures target, float[] patchScores, List<PatchFeatures> prompts) {
        check(target);
        return net.predict(RefinerInputs.build(device, target, patchScores, prompts), target.gridH(), target.gridW());
    }

    @Override
    public String describe() {
        return "refiner " + Path.of(name).getFileName();
    }
}
