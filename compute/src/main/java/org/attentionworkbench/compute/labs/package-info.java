/**
 * Labs: experiments that check a paper's claim on our engine and plot it. Each lab is a {@link Lab}
 * with named string options (so the CLI {@code workbench lab ID --KEY VALUE} and the Labs workspace's
 * form are generated from the same list) that returns a {@code compute.figure.FigureSet}.
 * {@code catalog.Labs.all()} lists them. Sub-packages hold the labs themselves.
 */
package org.attentionworkbench.compute.labs;
