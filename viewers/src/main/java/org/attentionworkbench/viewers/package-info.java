/** Reusable JavaFX views over plain data. Never imports the compute engine. */
package org.attentionworkbench.viewers;
