package org.attentionworkbench.compute.colorize;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The user's hints, in insertion order, edited through commands that can be undone and redone.
 * Every edit is a command pushed on the undo stack (a new edit clears the redo stack). Not
 * thread-safe: the GUI edits it on one thread and hands {@link #snapshot()} to the workers.
 */
public final class HintSet {
    /** One reversible edit: the hint before (null: it did not exist) and after (null: removed). */
    private record Command(Hint before, Hint after) {}

    private final Map<Integer, Hint> hints = new LinkedHashMap<>();
    private final Deque<Command> undo = new ArrayDeque<>();
    private final Deque<Command> redo = new ArrayDeque<>();
    private int nextId = 1;

    public HintSet() {}

    /** A set holding these hints (ids kept), with an empty history. */
    public static HintSet of(List<Hint> list) {
        HintSet s = new HintSet();
        for (Hint h : list) {
            if (s.hints.putIfAbsent(h.id(), h) != null) {
                throw new IllegalArgumentException("duplicate hint id " + h.id());
            }
            s.nextId = Math.max(s.nextId, h.id() + 1);
        }
        return s;
    }

    /** Adds a hint and returns it (with its new id). */
    public Hint add(int x, int y, float a, float b, int size) {
        Hint h = new Hint(nextId++, x, y, a, b, size);
        apply(new Command(null, h));
        return h;
    }

    public Hint move(int id, int x, int y) {
        Hint h = require(id).movedTo(x, y);
        apply(new Command(require(id), h));
        return h;
    }

    public Hint recolour(int id, float a, float b) {
        Hint h = require(id).recoloured(a, b);
        apply(new Command(require(id), h));
        return h;
    }

    public Hint resize(int id, int size) {
        Hint h = require(id).resized(size);
        apply(new Command(require(id), h));
        return h;
    }

    public void remove(int id) {
        apply(new Command(require(id), null));
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Reverts the last edit; false when there is none. */
    public boolean undo() {
        Command c = undo.pollFirst();
        if (c == null) {
            return false;
        }
        set(c.after(), c.before());
        redo.push(c);
        return true;
    }

    /** Re-applies the last undone edit; false when there is none. */
    public boolean redo() {
        Command c = redo.pollFirst();
        if (c == null) {
            return false;
        }
        set(c.before(), c.after());
        undo.push(c);
        return true;
    }

    public int size() {
        return hints.size();
    }

    public Hint get(int id) {
        return hints.get(id);
    }

    /** The hints now, in insertion order (an immutable copy). */
    public List<Hint> snapshot() {
        return Collections.unmodifiableList(new ArrayList<>(hints.values()));
    }

    private Hint require(int id) {
        Hint h = hints.get(id);
        if (h == null) {
            throw new NoSuchElementException("no hint with id " + id);
        }
        return h;
    }

    private void apply(Command c) {
        set(c.before(), c.after());
        undo.push(c);
        redo.clear();
    }

    /** Replaces {@code from} by {@code to}, keeping the hint's place in the order. */
    private void set(Hint from, Hint to) {
        if (to == null) {
            hints.remove(from.id());
        } else if (from == null) {
            hints.put(to.id(), to);
        } else {
            hints.replace(from.id(), to);
        }
    }
}
