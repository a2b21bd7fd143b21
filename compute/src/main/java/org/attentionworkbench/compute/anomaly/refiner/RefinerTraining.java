package org.attentionworkbench.compute.anomaly.refiner;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.attentionworkbench.compute.anomaly.AnomalyInspector;
import org.attentionworkbench.compute.anomaly.PatchFeatures;
import org.attentionworkbench.compute.autograd.Adam;
import org.attentionworkbench.compute.autograd.Autograd;
import org.attentionworkbench.compute.autograd.Losses;
import org.attentionworkbench.compute.autograd.Var;
import org.attentionworkbench.compute.image.Preprocess;
import org.attentionworkbench.compute.image.RgbImage;

/**
 * Trains a {@link RefinerNet} on normal images only: each sample is a normal image with a synthesized anomaly
 * ({@link AnomalySynthesis}), scored by the inspector's own backbone and scorer against its prompts, and the
 * network learns the synthetic mask at the feature grid from those scores and residuals (focal + L1 loss, Adam).
 * Features are computed once per sample; the epochs then run on the cached inputs.
 */
public final class RefinerTraining {
    private RefinerTraining() {}

    /**
     * @param samples      synthesized training samples (cycling over the normal images)
     * @param epochs       passes over them
     * @param batch        samples per Adam step
     * @param learningRate Adam's step size
     * @param width        the network's channels
     * @param seed         synthesis, initialisation and shuffling
     */
    public record Options(int samples, int epochs, int batch, float learningRate, int width, long seed) {
        public Options {
            if (samples < 1 || epochs < 1 || batch < 1 || !(learningRate > 0) || width < 1) {
                throw new IllegalArgumentException("refiner training: samples " + samples + ", epochs " + epochs
                        + ", batch " + batch + ", learning rate " + learningRate + ", width " + width);
            }
        }

        public static Options defaults() {
            return new Options(96, 30, 8, 3e-3f, RefinerNet.DEFAULT_WIDTH, 1);
        }

        public Options withSamples(int n) {
            return new Options(n, epochs, batch, learningRate, width, seed);
        }

        public Options withEpochs(int n) {
            return new Options(samples, n, batch, learningRate, width, seed);
        }

        public Options withSeed(long s) {
            return new Options(samples, epochs, batch, learningRate, width, s);
        }
    }

    /** Progress: where a CLI prints and a GUI draws. */
    public interface Listener {
        void synthesized(int done, int total);

        void epoch(int epoch, int epochs, double meanLoss);
    }

    /** The trained network and its mean loss per epoch. */
    public record Result(RefinerNet net, double[] epochLoss) {}

    /** Focal loss (γ = 2, α = ½) + L1 between σ(logits) and the soft mask. */
    static Var loss(Var logits, Var target) {
        return Autograd.add(Losses.focalWithLogits(logits, target, 2, 0.5f), Losses.l1(Autograd.sigmoid(logits), target));
    }

    /**
     * @param inspector the backbone, scorer and prompts the refiner will be used with
     * @param normals   normal training images (any size; squashed to the model input)
     * @throws CancellationException when {@code cancelled} turns true (checked per sample and per batch)
     */
    public static Result train(AnomalyInspector inspector, List<RgbImage> normals, Options o, Listener listener,
            BooleanSupplier cancelled) {
        if (normals.isEmpty()) {
            throw new IllegalArgumentException("the refiner needs at least one normal training image");
        }
        int size = inspector.features().inputSize();
        List<RgbImage> squashed = new ArrayList<>();
        for (RgbImage im : normals) {
            squashed.add(im.width() == size && im.height() == size ? im : Preprocess.resize(im, size, size));
        }
        Random r = new Random(o.seed());

        // 1. the samples, scored once
        List<float[]> inputs = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        int gh = 0;
        int gw = 0;
        int dim = 0;
        for (int i = 0; i < o.samples(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("refiner training cancelled");
            }
            AnomalySynthesis.Sample s = AnomalySynthesis.sample(squashed, i % squashed.size(), r);
            PatchFeatures f = inspector.features().extract(s.image());
            float[] scores = inspector.scorer().score(f);
            inputs.add(RefinerInputs.build(inspector.features().device(), f, scores, inspector.promptFeatures()));
            gh = f.gridH();
            gw = f.gridW();
            dim = f.dim();
            targets.add(AnomalySynthesis.toGrid(s.mask(), size, gh, gw));
            listener.synthesized(i + 1, o.samples());
        }
        return fit(inputs, targets, dim, gh, gw, o, listener, cancelled);
    }

    /**
     * Trains on prepared inputs ({@link RefinerInputs} of features of dim {@code featureDim}, on a gh×gw grid) and soft
     * targets [gh·gw] (what {@link #train} builds).
     */
    public static Result fit(List<float[]> inputs, List<float[]> targets, int featureDim, int gh, int gw, Options o,
            Listener listener, BooleanSupplier cancelled) {
        RefinerNet net = new RefinerNet(featureDim, o.width(), o.seed());
        int channels = net.inChannels();
        Adam adam = new Adam(net.parameters(), o.learningRate());
        Random r = new Random(o.seed() + 1);
        int n = inputs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int per = channels * gh * gw;
        int cell = gh * gw;
        double[] epochLoss = new double[o.epochs()];
        for (int e = 0; e < o.epochs(); e++) {
            for (int i = n - 1; i > 0; i--) { // Fisher–Yates
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double sum = 0;
            int batches = 0;
            for (int b = 0; b < n; b += o.batch()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("refiner training cancelled");
                }
                int m = Math.min(o.batch(), n - b);
                float[] x = new float[m * per];
                float[] y = new float[m * cell];
                for (int k = 0; k < m; k++) {
                    System.arraycopy(inputs.get(order[b + k]), 0, x, k * per, per);
                    System.arraycopy(targets.get(order[b + k]), 0, y, k * cell, cell);
                }
                adam.zeroGrad();
                Var loss = loss(net.forward(Var.constant(x, m, channels, gh, gw)), Var.constant(y, m, 1, gh, gw));
                loss.backward();
                adam.step();
                sum += loss.item();
                batches++;
            }
            epochLoss[e] = sum / batches;
            listener.epoch(e + 1, o.epochs(), epochLoss[e]);
        }
        return new Result(net, epochLoss);
    }
}
