package org.attentionworkbench.app.services;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.attentionworkbench.samples.Samples;

/** Where an image comes from: a file the user chose, or a bundled sample. */
public sealed interface ImageSource {

    /** The name shown in titles and error messages. */
    String displayName();

    /** The file on disk, when there is one (recent files, window title). */
    Optional<Path> path();

    record FileSource(Path file) implements ImageSource {
        @Override
        public String displayName() {
            Path name = file.getFileName();
            return name == null ? file.toString() : name.toString();
        }

        @Override
        public Optional<Path> path() {
            return Optional.of(file);
        }
    }

    record SampleSource(Samples.Sample sample) implements ImageSource {
        @Override
        public String displayName() {
            return sample.fileName();
        }

        @Override
        public Optional<Path> path() {
            return Optional.empty();
        }

        public InputStream open() throws IOException {
            return sample.open();
        }
    }
}
