package org.attentionworkbench.cluster;

import java.io.Serializable;

/** A normal prompt image as broadcast to the executors: its path (for messages) and its file's bytes. */
record Prompt(String path, byte[] bytes) implements Serializable {}
