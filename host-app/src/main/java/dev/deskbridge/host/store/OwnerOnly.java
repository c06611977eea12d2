package dev.deskbridge.host.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps the embedded database to the account running the host: it holds customers' numbers and
 * messages. A folder DeskBridge creates for it is {@code rwx------}; the database's files are made
 * {@code rw-------} once open. Where the file system has no POSIX permissions this does nothing.
 */
final class OwnerOnly {
    private OwnerOnly() {}

    /** Creates the database file's missing folders, owner-only. */
    static void createFolder(Path databaseFile) {
        Path folder = databaseFile.getParent();
        if (folder == null || Files.isDirectory(folder) || !posix(folder.getRoot())) {
            return;
        }
        try {
            Path existing = folder;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            Files.createDirectories(folder);
            for (Path p = folder; p != null && !p.equals(existing); p = p.getParent()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the database folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Makes the database's files ({@code NAME.mv.db}, {@code NAME.trace.db}, ...) owner-only. */
    static void restrictFiles(Path databaseFile) {
        Path folder = databaseFile.getParent();
        if (folder == null || !posix(folder)) {
            return;
        }
        String name = databaseFile.getFileName().toString();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, name + ".*")) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot restrict the database files in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
