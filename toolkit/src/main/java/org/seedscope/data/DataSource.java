package org.seedscope.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a data file comes from: a path on disk or a classpath resource, with the name used in
 * error messages and provenance.
 *
 * @param name the path, or {@code classpath:<resource>}
 * @param opener opens a fresh stream over the raw bytes
 */
record DataSource(String name, Opener opener) {

    /** Root of the shipped data inside the toolkit jar (see toolkit/pom.xml resources). */
    static final String CLASSPATH_ROOT = "org/seedscope/datasets/";

    /** Opens a stream; may fail with an I/O error. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /** A file on disk; missing files surface when opened. */
    static DataSource of(Path file) {
        return new DataSource(file.toString(), () -> Files.newInputStream(file));
    }

    /** A shipped resource below {@link #CLASSPATH_ROOT}, for example {@code digits/digits.csv}. */
    static DataSource shipped(String relative) {
        String resource = CLASSPATH_ROOT + relative;
        return new DataSource("classpath:" + resource, () -> {
            InputStream in = DataSource.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new FileNotFoundException("classpath resource " + resource
                        + " not found: the toolkit jar was built without the datasets/ folder");
            }
            return in;
        });
    }

    /** Opens the source, turning I/O failures into an UncheckedIOException naming it. */
    InputStream open() {
        try {
            return opener.open();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UncheckedIOException("cannot open " + name + ": it does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + name + ": " + e.getMessage(), e);
        }
    }
}
