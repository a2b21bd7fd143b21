package org.attentionworkbench.app.attention;

/** One of a classifier's top classes. */
public record Prediction(int index, String label, double probability) {}
