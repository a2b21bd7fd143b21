/** Bundled sample images and the synthetic test-image generator. */
package org.attentionworkbench.samples;
