package org.lookaheadlab.tune.storage;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks the file path of a {@code sqlite:PATH} storage URL before SQLite opens (or creates) it, so that a path
 * SQLite cannot use is refused with one line naming what is wrong rather than a driver error: an empty path, a
 * {@code ?} (SQLite would read the rest as connection options), a folder, or a parent folder that does not exist
 * (it is not created).
 */
final class SqliteFile {

    private SqliteFile() {}

    /**
     * Checks {@code path}, the PATH of {@code url}.
     *
     * @throws IllegalArgumentException one line naming the storage URL and what is wrong with the path
     */
    static void check(String url, String path) {
        if (path.isEmpty()) {
            throw Storages.refused(url, "the database file path is empty, accepted: sqlite:PATH");
        }
        if (path.indexOf('?') >= 0) {
            throw Storages.refused(url, "the path contains '?', which SQLite reads as the start of connection "
                    + "options, accepted: a file path without '?'");
        }
        Path file;
        try {
            file = Path.of(path).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw Storages.refused(url, "the path is not a valid file path (" + e.getReason() + ")");
        }
        if (Files.isDirectory(file)) {
            throw Storages.refused(url, "'" + file + "' is a folder, accepted: a database file (created if missing)");
        }
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw Storages.refused(url, Files.exists(parent) ? "'" + parent + "' is not a folder"
                    : "folder '" + parent + "' does not exist (it is not created: make it first)");
        }
    }
}
