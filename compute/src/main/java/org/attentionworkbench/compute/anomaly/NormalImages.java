package org.attentionworkbench.compute.anomaly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which normal images build the scorer (prompts / memory bank) and which calibrate the threshold — never
 * the same image: an image the scorer was built from scores (almost) zero against itself, so a threshold
 * fitted on it flags nearly everything.
 *
 * <p>The rules, fixed a priori:
 * <ol>
 *   <li>Explicit calibration images ({@code --calibrate}) are used as given; the dataset's training
 *       images are then all available as prompts.</li>
 *   <li>Otherwise the training images are split <em>blocked</em>: in name order, the last
 *       ⌈{@link #HOLDOUT}·n⌉ (at least one when n ≥ 2) calibrate and the rest may be prompts. Blocked, not
 *       interleaved, because normal images are often consecutive frames: frame i as a prompt and frame
 *       i+1 as a calibration image would be near-duplicates, and their low score would set the threshold
 *       far too low (leave-one-out over five consecutive dobot_cubes frames flagged 111 of 115 test
 *       images). Only the one frame at the block boundary can leak that way.</li>
 *   <li>Prompts: the explicit {@code --prompt} images, or else {@code count} images spread evenly over
 *       the prompt block (for one prompt, its middle image).</li>
 *   <li>Prompt images are never calibration images, and neither is ever a test image.</li>
 * </ol>
 * With no calibration image left (one prompt and no other normal image), the threshold is uncalibrated:
 * see {@link Normalizer#uncalibrated}.
 *
 * @param prompts     the scorer's normal images
 * @param calibration held-out normal images the threshold is fitted on (may be empty)
 * @param note        how they were chosen, for the report
 */
public record NormalImages(List<Path> prompts, List<Path> calibration, String note) {
    /** The held-out share of the training images when no calibration images are given. */
    public static final double HOLDOUT = 0.2;

    public NormalImages {
        prompts = List.copyOf(prompts);
        calibration = List.copyOf(calibration);
    }

    /** Every image of both lists (to keep them out of the test set). */
    public Set<Path> all() {
        Set<Path> s = new LinkedHashSet<>();
        for (Path p : prompts) {
            s.add(key(p));
        }
        for (Path p : calibration) {
            s.add(key(p));
        }
        return s;
    }

    public boolean calibrated() {
        return !calibration.isEmpty();
    }

    /**
     * @param explicitPrompts     --prompt images (empty: choose from {@code train})
     * @param explicitCalibration --calibrate images (empty: hold out part of {@code train})
     * @param train               the dataset's normal training images (may be empty)
     * @param count               prompts to choose when none are explicit (≥ 1; more than available takes all)
     * @throws IllegalArgumentException when no prompt can be had
     */
    public static NormalImages choose(List<Path> explicitPrompts, List<Path> explicitCalibration, List<Path> train,
            int count) {
        if (count < 1) {
            throw new IllegalArgumentException("prompt count " + count + " < 1");
        }
        Set<Path> promptKeys = new LinkedHashSet<>();
        explicitPrompts.forEach(p -> promptKeys.add(key(p)));
        List<Path> pool = sorted(train.stream().filter(p -> !promptKeys.contains(key(p))).toList());

        // 1. the calibration images and the block prompts may come from
        List<Path> calibration;
        List<Path> promptBlock;
        String how;
        if (!explicitCalibration.isEmpty()) {
            calibration = explicitCalibration.stream().filter(p -> !promptKeys.contains(key(p))).toList();
            Set<Path> calKeys = new LinkedHashSet<>();
            calibration.forEach(p -> calKeys.add(key(p)));
            promptBlock = pool.stream().filter(p -> !calKeys.contains(key(p))).toList();
            how = calibration.size() + " --calibrate normal images";
        } else {
            int held = pool.size() >= 2 ? (int) Math.ceil(HOLDOUT * pool.size()) : 0;
            calibration = pool.subList(pool.size() - held, pool.size());
            promptBlock = pool.subList(0, pool.size() - held);
            how = held == 0 ? "no held-out normal images"
                    : held + " of " + pool.size() + " training images held out (the last by name)";
        }

        // 2. the prompts
        List<Path> prompts;
        if (!explicitPrompts.isEmpty()) {
            prompts = explicitPrompts;
            how = explicitPrompts.size() + " --prompt image(s); calibration: " + how;
        } else {
            if (promptBlock.isEmpty()) {
                throw new IllegalArgumentException("no prompt: give --prompt, or a dataset with training images");
            }
            prompts = spread(promptBlock, count);
            how = prompts.size() + " prompt(s) spread over " + promptBlock.size() + " training images; calibration: "
                    + how;
        }
        return new NormalImages(prompts, calibration, how);
    }

    /** {@code count} items spread evenly: index ⌊(i + ½)·n / count⌋. */
    static List<Path> spread(List<Path> block, int count) {
        int n = block.size();
        int k = Math.min(count, n);
        List<Path> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(block.get((int) ((i + 0.5) * n / k)));
        }
        return out;
    }

    private static List<Path> sorted(List<Path> paths) {
        return paths.stream().sorted(Comparator.comparing(Path::toString)).toList();
    }

    /** Paths compare by their absolute normal form (a prompt given as ./x.png is the dataset's x.png). */
    public static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
