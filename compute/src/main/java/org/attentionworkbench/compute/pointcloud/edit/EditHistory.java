package org.attentionworkbench.compute.pointcloud.edit;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.attentionworkbench.compute.pointcloud.PointCloud;

/**
 * Undo and redo over a cloud's edits (CloudCompare's most requested fix, research §3).
 *
 * <p>Each step is stored as the indices it keeps of a <i>base</i> cloud, not as a copy: the base is
 * the opened cloud, or the result of the last {@link CloudEdit.Resample} (a voxel subsample makes new
 * points) before it. Only the current step's cloud is held in full; undo and redo rebuild the cloud
 * of the step they reach ({@link PointCloud#select}, every attribute kept). Memory: the opened cloud,
 * the current cloud, 4 bytes per kept point per selection step and each resampled cloud still
 * reachable. When the steps' own memory exceeds {@code maxBytes} or there are more than
 * {@code maxSteps} steps, the oldest ones are forgotten (undo cannot reach them; the current step is
 * always kept), and {@link #forgotten()} counts them.
 *
 * <p>A new edit after an undo drops the redo branch. Not thread-safe: use from one thread.
 */
public final class EditHistory {
    /** Steps' own memory above which the oldest steps are forgotten, by default. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    public static final int DEFAULT_MAX_STEPS = 100;

    /** One state: {@code base.select(indices)}, or {@code base} itself when indices is null. */
    private record Step(String description, PointCloud base, int[] indices, int size) {}

    private final List<Step> steps = new ArrayList<>();
    private final PointCloud original;
    private final long maxBytes;
    private final int maxSteps;
    private int position;
    private int forgotten;
    private PointCloud current;

    public EditHistory(PointCloud original) {
        this(original, DEFAULT_MAX_BYTES, DEFAULT_MAX_STEPS);
    }

    public EditHistory(PointCloud original, long maxBytes, int maxSteps) {
        Objects.requireNonNull(original, "original");
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1: " + maxSteps);
        }
        this.original = original;
        this.maxBytes = maxBytes;
        this.maxSteps = maxSteps;
        steps.add(new Step(String.format(Locale.ROOT, "opened: %,d points", original.size()), original, null,
                original.size()));
        current = original;
    }

    /** Applies {@code edit} to the current cloud; returns the new current cloud. */
    public PointCloud apply(CloudEdit edit) {
        Step at = steps.get(position);
        PointCloud before = current;
        Step next;
        PointCloud after;
        switch (edit) {
            case CloudEdit.Selection s -> {
                int[] kept = s.keptIndices(before);
                int[] onBase = kept;
                if (at.indices() != null) {
                    onBase = new int[kept.length];
                    for (int k = 0; k < kept.length; k++) {
                        onBase[k] = at.indices()[kept[k]];
                    }
                }
                after = before.select(kept);
                next = new Step(String.format(Locale.ROOT, "%s: kept %,d of %,d points", s.name(), kept.length,
                        before.size()), at.base(), onBase, kept.length);
            }
            case CloudEdit.Resample r -> {
                after = r.apply(before);
                next = new Step(String.format(Locale.ROOT, "%s: %,d → %,d points", r.name(), before.size(),
                        after.size()), after, null, after.size());
            }
        }
        steps.subList(position + 1, steps.size()).clear(); // the redo branch
        steps.add(next);
        position = steps.size() - 1;
        current = after;
        forgetOld();
        return after;
    }

    public boolean canUndo() {
        return position > 0;
    }

    public boolean canRedo() {
        return position < steps.size() - 1;
    }

    /** Goes one step back; returns the cloud there. */
    public PointCloud undo() {
        if (!canUndo()) {
            throw new IllegalStateException("nothing to undo");
        }
        position--;
        current = materialise(steps.get(position));
        return current;
    }

    /** Goes one step forward again; returns the cloud there. */
    public PointCloud redo() {
        if (!canRedo()) {
            throw new IllegalStateException("nothing to redo");
        }
        position++;
        current = materialise(steps.get(position));
        return current;
    }

    public PointCloud current() {
        return current;
    }

    /** What the current step did ("crop box: kept 12,345 of 20,000 points"). */
    public String currentDescription() {
        return steps.get(position).description();
    }

    /** What undo would take back, or null. */
    public String undoDescription() {
        return canUndo() ? steps.get(position).description() : null;
    }

    /** What redo would do again, or null. */
    public String redoDescription() {
        return canRedo() ? steps.get(position + 1).description() : null;
    }

    /** Every step's description, oldest first (the first is the opened cloud, unless forgotten). */
    public List<String> descriptions() {
        return steps.stream().map(Step::description).toList();
    }

    /** Index of the current step in {@link #descriptions()}. */
    public int position() {
        return position;
    }

    /** How many of the oldest steps were forgotten to keep memory bounded. */
    public int forgotten() {
        return forgotten;
    }

    /** Bytes held by the steps themselves: index arrays, and resampled clouds counted once (not the opened one). */
    public long stepBytes() {
        long bytes = 0;
        Map<PointCloud, Boolean> bases = new IdentityHashMap<>();
        for (Step s : steps) {
            if (s.indices() != null) {
                bytes += 4L * s.indices().length;
            }
            if (s.base() != original && bases.put(s.base(), Boolean.TRUE) == null) {
                bytes += (long) Math.ceil(s.base().bytesPerPoint() * s.base().size());
            }
        }
        return bytes;
    }

    private PointCloud materialise(Step s) {
        return s.indices() == null ? s.base() : s.base().select(s.indices());
    }

    private void forgetOld() {
        while (position > 0 && (steps.size() > maxSteps || stepBytes() > maxBytes)) {
            steps.remove(0);
            position--;
            forgotten++;
        }
    }
}
