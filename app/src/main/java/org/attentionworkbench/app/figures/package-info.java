/**
 * Draws {@code compute.figure} sets as PNG files without a display (JFreeChart on headless AWT for the
 * plots, the engine's PNG writer for heatmaps): what the labs, the zoo and the bench CLIs write beside
 * their JSON and CSV. No JavaFX here, so the CLI can use it;
 * {@link org.attentionworkbench.app.figures.FigureContents} hands a set to the workspaces' {@code FigureView}.
 */
package org.attentionworkbench.app.figures;
