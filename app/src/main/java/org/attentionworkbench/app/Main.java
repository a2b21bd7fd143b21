package org.attentionworkbench.app;

/** Entry point (skeleton). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("Attention Workbench");
    }
}
