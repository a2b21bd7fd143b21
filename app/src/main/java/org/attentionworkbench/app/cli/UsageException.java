package org.attentionworkbench.app.cli;

/** The command line is wrong; the message says how. Exit code 2. */
public final class UsageException extends Exception {
    public UsageException(String message) {
        super(message);
    }
}
