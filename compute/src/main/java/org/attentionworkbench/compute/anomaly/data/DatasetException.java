package org.attentionworkbench.compute.anomaly.data;

import java.io.IOException;

/** A folder that is not a dataset we read, or one with a broken part; the message names the path. */
public class DatasetException extends IOException {
    public DatasetException(String message) {
        super(message);
    }
}
