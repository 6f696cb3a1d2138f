package org.seedscope.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders searched upwards from a starting point, as SeedScope looks for its checkout, its
 * datasets and its shipped studies: the start, made absolute, then each parent up to the root.
 */
public final class Ancestors {
    private Ancestors() {
    }

    /**
     * @param start a folder, relative to the working directory or absolute
     * @return start as an absolute path, then its parents, nearest first, ending at the root
     */
    public static List<Path> of(Path start) {
        List<Path> folders = new ArrayList<>();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            folders.add(p);
        }
        return folders;
    }
}
