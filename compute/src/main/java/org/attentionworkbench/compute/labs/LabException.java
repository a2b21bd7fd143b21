package org.attentionworkbench.compute.labs;

/** A lab could not run: a bad option value or an unreadable input; the message says which. */
public class LabException extends Exception {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
