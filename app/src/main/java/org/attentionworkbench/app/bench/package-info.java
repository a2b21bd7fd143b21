/** Benchmarks that need the app's glue between compute and the viewers (the point-cloud draw list). */
package org.attentionworkbench.app.bench;
